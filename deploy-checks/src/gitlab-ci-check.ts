import { spawn } from 'node:child_process';
import { CASSANDRA, PIPELINE } from './deploy-contract.js';
import { isRecord, parseYaml, REPO_ROOT } from './repo-files.js';

const GITLAB_CI_LOCAL = `${REPO_ROOT}node_modules/.bin/gitlab-ci-local`;

export interface GclResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs gitlab-ci-local in `cwd` (a git work tree holding .gitlab-ci.yml). Each caller gets its own state directory so
 * parallel runs never share .gitlab-ci-local/. Jobs run with the shell executor in place: no image pull, no Docker.
 */
export function gitlabCiLocal(args: string[], options: { cwd?: string; stateDir: string; timeoutMs?: number }): Promise<GclResult> {
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

export async function listJobs(options: { cwd?: string; stateDir: string; variables?: Record<string, string> }): Promise<ListedJob[]> {
  const variables = Object.entries(options.variables ?? {}).flatMap(([k, v]) => ['--variable', `${k}=${v}`]);
  const result = await gitlabCiLocal(['--list-json', ...variables], options);
  if (result.code !== 0) throw new Error(`gitlab-ci-local --list-json failed (${result.code}):\n${result.stderr}${result.stdout}`);
  return JSON.parse(result.stdout) as ListedJob[];
}

/** The pipeline as GitLab sees it: extends, !reference and defaults expanded by gitlab-ci-local --preview. */
export async function expandedPipeline(options: { cwd?: string; stateDir: string }): Promise<Record<string, unknown>> {
  const result = await gitlabCiLocal(['--preview'], options);
  if (result.code !== 0) throw new Error(`gitlab-ci-local --preview failed (${result.code}):\n${result.stderr}`);
  return parseYaml(result.stdout, 'expanded .gitlab-ci.yml') as Record<string, unknown>;
}

const text = (value: unknown): string => (Array.isArray(value) ? value.map(text).join('\n') : typeof value === 'string' ? value : JSON.stringify(value ?? ''));
const job = (pipeline: Record<string, unknown>, name: string): Record<string, unknown> => {
  const found = pipeline[name];
  return isRecord(found) ? found : {};
};

/** Checks the expanded pipeline against the story and the deploy contract (stages, commands, reports, caches). */
export function checkPipeline(pipeline: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const stages = (Array.isArray(pipeline.stages) ? pipeline.stages : []).filter((s) => !String(s).startsWith('.'));
  if (JSON.stringify(stages) !== JSON.stringify(PIPELINE.stages)) problems.push(`stages ${JSON.stringify(stages)}, expected ${JSON.stringify(PIPELINE.stages)}`);
  const variables = isRecord(pipeline.variables) ? pipeline.variables : {};
  if (variables.CASSANDRA_KEYSPACE !== CASSANDRA.keyspace) problems.push(`CASSANDRA_KEYSPACE must be the API's keyspace, ${CASSANDRA.keyspace}`);

  const test = job(pipeline, PIPELINE.testJob);
  if (test.stage !== 'test' || !text(test.script).includes(`npm run "$${PIPELINE.testScriptVariable}"`)) {
    problems.push(`${PIPELINE.testJob}: must run npm run "$${PIPELINE.testScriptVariable}" in stage test`);
  }
  if (!isRecord(test.variables) || test.variables[PIPELINE.testScriptVariable] !== 'test') {
    problems.push(`${PIPELINE.testJob}: ${PIPELINE.testScriptVariable} must default to "test" (the whole suite)`);
  }
  if (test.services) problems.push(`${PIPELINE.testJob}: must not need service containers (npm test starts its own Cassandra)`);

  const snapshot = job(pipeline, PIPELINE.snapshotJob);
  const take = text(snapshot.script);
  const wants = ['npm run snapshot -w ci -- take', '--contact-points "$PROD_CASSANDRA_CONTACT_POINTS"', '--keyspace "$CASSANDRA_KEYSPACE"', `--root ${PIPELINE.snapshotDir}`];
  if (!wants.every((part) => take.includes(part))) {
    problems.push(`${PIPELINE.snapshotJob}: must take a snapshot of $PROD_CASSANDRA_CONTACT_POINTS, keyspace $CASSANDRA_KEYSPACE, into ${PIPELINE.snapshotDir}`);
  }
  if (!text(snapshot.rules).includes('$PROD_CASSANDRA_CONTACT_POINTS')) problems.push(`${PIPELINE.snapshotJob}: must run only where production variables exist`);
  if (!text(at(snapshot, 'artifacts', 'paths')).includes(PIPELINE.snapshotDir)) problems.push(`${PIPELINE.snapshotJob}: must keep ${PIPELINE.snapshotDir} as an artifact`);

  for (const name of [PIPELINE.replayJob, PIPELINE.replayServiceJob]) {
    const replay = job(pipeline, name);
    if (!text(replay.needs).includes(PIPELINE.snapshotJob)) problems.push(`${name}: must need ${PIPELINE.snapshotJob} (its artifact)`);
    const script = text(replay.script);
    if (!script.includes('npm run replay -- --snapshot') || !script.includes(`${PIPELINE.snapshotDir}/`)) problems.push(`${name}: must replay the artifact in ${PIPELINE.snapshotDir}`);
    problems.push(...checkReports(name, replay));
  }
  problems.push(...checkReports(PIPELINE.testJob, test, false));

  const service = job(pipeline, PIPELINE.replayServiceJob);
  const container = Array.isArray(service.services) ? service.services.find(isRecord) : undefined;
  if (container?.name !== CASSANDRA.image || container.alias !== PIPELINE.serviceAlias) {
    problems.push(`${PIPELINE.replayServiceJob}: needs a ${CASSANDRA.image} service aliased ${PIPELINE.serviceAlias}`);
  }
  if (at(service, 'variables', 'CASSANDRA_CONTACT_POINTS') !== `${PIPELINE.serviceAlias}:${CASSANDRA.cqlPort}`) {
    problems.push(`${PIPELINE.replayServiceJob}: CASSANDRA_CONTACT_POINTS must be ${PIPELINE.serviceAlias}:${CASSANDRA.cqlPort}`);
  }
  problems.push(...checkCaches(pipeline, variables));
  return problems;
}

function at(node: unknown, ...path: string[]): unknown {
  return path.reduce<unknown>((n, key) => (isRecord(n) ? n[key] : undefined), node);
}

function checkReports(name: string, j: Record<string, unknown>, playwright = true): string[] {
  const problems: string[] = [];
  if (text(at(j, 'artifacts', 'reports', 'junit')) !== PIPELINE.junitReports.join('\n')) problems.push(`${name}: JUnit reports must be ${PIPELINE.junitReports.join(', ')}`);
  if (at(j, 'artifacts', 'when') !== 'always') problems.push(`${name}: reports must be kept when the job fails too (artifacts:when always)`);
  if (playwright && !text(at(j, 'artifacts', 'paths')).includes(PIPELINE.playwrightReport)) problems.push(`${name}: must keep ${PIPELINE.playwrightReport}`);
  return problems;
}

/** npm's cache, Maven's repository (~/.m2 moved into the project) and the Cassandra jars must be cached paths. */
function checkCaches(pipeline: Record<string, unknown>, variables: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const cached = (j: Record<string, unknown>) => (Array.isArray(j.cache) ? j.cache.filter(isRecord) : []).flatMap((c) => (Array.isArray(c.paths) ? c.paths.map(String) : []));
  const inProject = (value: unknown) => String(value ?? '').replace('$CI_PROJECT_DIR/', '').replace(/^-Dmaven\.repo\.local=/, '');
  const wanted = { npm: inProject(variables.npm_config_cache), m2: inProject(variables.MAVEN_OPTS), jars: inProject(variables.CASSANDRA_JARS_DIR) };
  for (const name of [PIPELINE.installJob, PIPELINE.testJob, PIPELINE.snapshotJob, PIPELINE.replayJob]) {
    const paths = cached(job(pipeline, name));
    for (const [what, dir] of Object.entries(wanted)) {
      if (!dir || !paths.some((p) => `${dir}/`.startsWith(p))) problems.push(`${name}: ${what} directory ${dir || '(unset)'} is not cached`);
    }
  }
  return problems;
}
