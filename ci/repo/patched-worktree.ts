import { execFile } from 'node:child_process';
import { existsSync, rmSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './paths.js';

const run = promisify(execFile);
const WORKSPACES = ['api', 'cassandra', 'ci', 'deploy-checks', 'web'];

export interface Worktree {
  path: string;
  remove(): Promise<void>;
}

/**
 * A temporary git worktree of HEAD (or `ref`: a deployed tag) with a patch applied when given: the change under test,
 * next to the main checkout and without touching it. Dependencies are the main checkout's, linked rather than installed
 * again.
 */
export async function createPatchedWorktree(options: {
  repo?: string;
  patch?: string;
  ref?: string;
  directory: string;
}): Promise<Worktree> {
  const repo = options.repo ?? REPO_ROOT;
  const ref = options.ref ?? 'HEAD';
  await resolveCommit(ref, repo);
  await run('git', ['-C', repo, 'worktree', 'add', '--detach', options.directory, ref]);
  const remove = async () => {
    await run('git', ['-C', repo, 'worktree', 'remove', '--force', options.directory]).catch(() => {});
    rmSync(options.directory, { recursive: true, force: true });
    await run('git', ['-C', repo, 'worktree', 'prune']).catch(() => {});
  };
  try {
    if (options.patch) await run('git', ['-C', options.directory, 'apply', resolve(options.patch)]);
    for (const dir of ['.', ...WORKSPACES]) {
      const modules = join(repo, dir, 'node_modules');
      if (existsSync(modules) && existsSync(join(options.directory, dir)))
        symlinkSync(modules, join(options.directory, dir, 'node_modules'), 'dir');
    }
  } catch (error) {
    await remove();
    throw error;
  }
  return { path: options.directory, remove };
}

/** The commit a tag, branch or commit names; a clear error when git does not know it. */
export async function resolveCommit(ref: string, repo = REPO_ROOT): Promise<string> {
  try {
    const { stdout } = await run('git', ['-C', repo, 'rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
    return stdout.trim();
  } catch {
    throw new Error(
      `${ref} is not a commit of ${repo}: name a tag, branch or commit that git knows (git fetch --tags?)`,
    );
  }
}

/** Whether the patch still applies to HEAD, without changing anything. */
export async function patchApplies(patch: string, repo = REPO_ROOT): Promise<{ applies: boolean; output: string }> {
  try {
    const { stderr } = await run('git', ['-C', repo, 'apply', '--check', resolve(patch)]);
    return { applies: true, output: stderr };
  } catch (error) {
    return { applies: false, output: (error as { stderr?: string }).stderr ?? String(error) };
  }
}
