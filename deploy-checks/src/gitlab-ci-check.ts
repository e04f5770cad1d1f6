import { spawn } from 'node:child_process';
import { parseYaml, REPO_ROOT } from './repo-files.js';

export { checkPipeline } from './pipeline-rules.js';

const GITLAB_CI_LOCAL = `${REPO_ROOT}node_modules/.bin/gitlab-ci-local`;

export interface GclOptions {
  cwd?: string;
  stateDir: string;
}

export interface GclResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs gitlab-ci-local in `cwd` (a git work tree holding .gitlab-ci.yml). Each caller gets its own state directory so
 * parallel runs never share .gitlab-ci-local/. Jobs run with the shell executor in place: no image pull, no Docker.
 */
export function gitlabCiLocal(args: string[], options: GclOptions & { timeoutMs?: number }): Promise<GclResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(GITLAB_CI_LOCAL, ['--state-dir', options.stateDir, '--no-color', ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: '0' },
      timeout: options.timeoutMs ?? 240_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface ListedJob {
  name: string;
  stage: string;
  when: string;
  needs?: { job: string }[];
}

export async function listJobs(options: GclOptions & { variables?: Record<string, string> }): Promise<ListedJob[]> {
  // A predefined variable (CI_PIPELINE_SOURCE=schedule) is overridden on purpose here: say so, or a warning precedes the JSON.
  const variables = Object.entries(options.variables ?? {}).flatMap(([name, value]) => [
    '--variable',
    `${name}=${value}`,
    ...(name.startsWith('CI_') ? ['--ignore-predefined-vars', name] : []),
  ]);
  const result = await gitlabCiLocal(['--list-json', ...variables], options);
  if (result.code !== 0) {
    throw new Error(`gitlab-ci-local --list-json failed (${result.code}):\n${result.stderr}${result.stdout}`);
  }
  return JSON.parse(result.stdout) as ListedJob[];
}

/** The pipeline as GitLab sees it: extends, !reference and defaults expanded by gitlab-ci-local --preview. */
export async function expandedPipeline(options: GclOptions): Promise<Record<string, unknown>> {
  const result = await gitlabCiLocal(['--preview'], options);
  if (result.code !== 0) throw new Error(`gitlab-ci-local --preview failed (${result.code}):\n${result.stderr}`);
  return parseYaml(result.stdout, 'expanded .gitlab-ci.yml') as Record<string, unknown>;
}
