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
 * A temporary git worktree of HEAD with a patch applied: the change under test, next to the main checkout and without
 * touching it. Dependencies are the main checkout's, linked rather than installed again.
 */
export async function createPatchedWorktree(options: {
  repo?: string;
  patch: string;
  directory: string;
}): Promise<Worktree> {
  const repo = options.repo ?? REPO_ROOT;
  await run('git', ['-C', repo, 'worktree', 'add', '--detach', options.directory, 'HEAD']);
  const remove = async () => {
    await run('git', ['-C', repo, 'worktree', 'remove', '--force', options.directory]).catch(() => {});
    rmSync(options.directory, { recursive: true, force: true });
    await run('git', ['-C', repo, 'worktree', 'prune']).catch(() => {});
  };
  try {
    await run('git', ['-C', options.directory, 'apply', resolve(options.patch)]);
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

/** Whether the patch still applies to HEAD, without changing anything. */
export async function patchApplies(patch: string, repo = REPO_ROOT): Promise<{ applies: boolean; output: string }> {
  try {
    const { stderr } = await run('git', ['-C', repo, 'apply', '--check', resolve(patch)]);
    return { applies: true, output: stderr };
  } catch (error) {
    return { applies: false, output: (error as { stderr?: string }).stderr ?? String(error) };
  }
}
