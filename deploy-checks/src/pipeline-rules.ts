import { CASSANDRA, K8S, PIPELINE } from './deploy-contract.js';
import { packagesNpmTestNeeds } from './fresh-machine-packages.js';
import { isRecord } from './repo-files.js';

type Job = Record<string, unknown>;

const text = (value: unknown): string =>
  Array.isArray(value) ? value.map(text).join('\n') : typeof value === 'string' ? value : JSON.stringify(value ?? '');
const job = (pipeline: Record<string, unknown>, name: string): Job => {
  const found = pipeline[name];
  return isRecord(found) ? found : {};
};
const variablesOf = (pipeline: Record<string, unknown>) => (isRecord(pipeline.variables) ? pipeline.variables : {});

function at(node: unknown, ...path: string[]): unknown {
  return path.reduce<unknown>((found, key) => (isRecord(found) ? found[key] : undefined), node);
}

/** Checks the expanded pipeline against the story and the deploy contract (stages, commands, reports, caches). */
export function checkPipeline(pipeline: Record<string, unknown>): string[] {
  return [
    ...stageRules(pipeline),
    ...testJobRules(job(pipeline, PIPELINE.testJob)),
    ...snapshotJobRules(job(pipeline, PIPELINE.snapshotJob)),
    ...[PIPELINE.replayJob, PIPELINE.replayServiceJob].flatMap((name) => replayJobRules(name, job(pipeline, name))),
    ...reportRules(PIPELINE.testJob, job(pipeline, PIPELINE.testJob), false),
    ...serviceContainerRules(job(pipeline, PIPELINE.replayServiceJob)),
    ...kubernetesReplayRules(job(pipeline, PIPELINE.kubernetesReplayJob)),
    ...dataCheckRules(job(pipeline, PIPELINE.dataCheckJob)),
    ...cacheRules(pipeline),
    ...toolRules(pipeline),
  ];
}

function stageRules(pipeline: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const stages = (Array.isArray(pipeline.stages) ? pipeline.stages : []).filter(
    (stage) => !String(stage).startsWith('.'),
  );
  if (JSON.stringify(stages) !== JSON.stringify(PIPELINE.stages)) {
    problems.push(`stages ${JSON.stringify(stages)}, expected ${JSON.stringify(PIPELINE.stages)}`);
  }
  if (variablesOf(pipeline).CASSANDRA_KEYSPACE !== CASSANDRA.keyspace) {
    problems.push(`CASSANDRA_KEYSPACE must be the API's keyspace, ${CASSANDRA.keyspace}`);
  }
  return problems;
}

/** The whole suite on dummy data, narrowed by one variable; it starts its own Cassandra. */
function testJobRules(test: Job): string[] {
  const problems: string[] = [];
  const name = PIPELINE.testJob;
  const command = `npm run "$${PIPELINE.testScriptVariable}"`;
  if (test.stage !== 'test' || !text(test.script).includes(command)) {
    problems.push(`${name}: must run ${command} in stage test`);
  }
  if (!isRecord(test.variables) || test.variables[PIPELINE.testScriptVariable] !== 'test') {
    problems.push(`${name}: ${PIPELINE.testScriptVariable} must default to "test" (the whole suite)`);
  }
  if (test.services) problems.push(`${name}: must not need service containers (npm test starts its own Cassandra)`);
  return problems;
}

/** The snapshot runs only where production variables exist, reads over CQL (a runner has no node files), keeps it. */
function snapshotJobRules(snapshot: Job): string[] {
  const problems: string[] = [];
  const name = PIPELINE.snapshotJob;
  const take = text(snapshot.script);
  const wants = [
    'npm run snapshot -w ci -- take --kind logical',
    '--contact-points "$PROD_CASSANDRA_CONTACT_POINTS"',
    '--keyspace "$CASSANDRA_KEYSPACE"',
    `--root ${PIPELINE.snapshotDir}`,
  ];
  if (!wants.every((part) => take.includes(part))) {
    problems.push(
      `${name}: must take a logical snapshot of $PROD_CASSANDRA_CONTACT_POINTS, ` +
        `keyspace $CASSANDRA_KEYSPACE, into ${PIPELINE.snapshotDir}`,
    );
  }
  const refusal = `[ -z "\${${PIPELINE.maskingKeyVariable}:-}" ] && [ "\${${PIPELINE.unmaskedOptInVariable}:-}" != "true" ]`;
  if (!take.includes(refusal) || !take.includes('exit 1')) {
    problems.push(
      `${name}: must refuse to run without $${PIPELINE.maskingKeyVariable} unless ${PIPELINE.unmaskedOptInVariable}=true`,
    );
  }
  if (!text(snapshot.rules).includes('$PROD_CASSANDRA_CONTACT_POINTS')) {
    problems.push(`${name}: must run only where production variables exist`);
  }
  if (!text(at(snapshot, 'artifacts', 'paths')).includes(PIPELINE.snapshotDir)) {
    problems.push(`${name}: must keep ${PIPELINE.snapshotDir} as an artifact`);
  }
  return problems;
}

function replayJobRules(name: string, replay: Job): string[] {
  const problems: string[] = [];
  if (!text(replay.needs).includes(PIPELINE.snapshotJob)) {
    problems.push(`${name}: must need ${PIPELINE.snapshotJob} (its artifact)`);
  }
  const script = text(replay.script);
  if (!script.includes('npm run replay -- --snapshot') || !script.includes(`${PIPELINE.snapshotDir}/`)) {
    problems.push(`${name}: must replay the artifact in ${PIPELINE.snapshotDir}`);
  }
  return [...problems, ...reportRules(name, replay)];
}

function reportRules(name: string, reporting: Job, playwright = true): string[] {
  const problems: string[] = [];
  if (text(at(reporting, 'artifacts', 'reports', 'junit')) !== PIPELINE.junitReports.join('\n')) {
    problems.push(`${name}: JUnit reports must be ${PIPELINE.junitReports.join(', ')}`);
  }
  if (at(reporting, 'artifacts', 'when') !== 'always') {
    problems.push(`${name}: reports must be kept when the job fails too (artifacts:when always)`);
  }
  if (playwright && !text(at(reporting, 'artifacts', 'paths')).includes(PIPELINE.playwrightReport)) {
    problems.push(`${name}: must keep ${PIPELINE.playwrightReport}`);
  }
  return problems;
}

/** On a Docker runner the replay restores into a cassandra:5.0 service container, which must not pass as production. */
function serviceContainerRules(service: Job): string[] {
  const problems: string[] = [];
  const name = PIPELINE.replayServiceJob;
  const container = Array.isArray(service.services) ? service.services.find(isRecord) : undefined;
  if (container?.name !== CASSANDRA.image || container.alias !== PIPELINE.serviceAlias) {
    problems.push(`${name}: needs a ${CASSANDRA.image} service aliased ${PIPELINE.serviceAlias}`);
  }
  const clusterName = at(container, 'variables', 'CASSANDRA_CLUSTER_NAME');
  const production: readonly string[] = PIPELINE.productionClusterNames;
  if (typeof clusterName !== 'string' || production.includes(clusterName)) {
    problems.push(
      `${name}: the service container's CASSANDRA_CLUSTER_NAME (${String(clusterName)}) must differ from ` +
        `production's (${production.join(', ')}): the restore refuses a cluster named like the snapshot's source`,
    );
  }
  if (at(service, 'variables', 'CASSANDRA_CONTACT_POINTS') !== `${PIPELINE.serviceAlias}:${CASSANDRA.cqlPort}`) {
    problems.push(`${name}: CASSANDRA_CONTACT_POINTS must be ${PIPELINE.serviceAlias}:${CASSANDRA.cqlPort}`);
  }
  return problems;
}

/**
 * The Kubernetes replay runs the script in the CI namespace as the service account k8s/ci-access grants exactly what
 * the script needs, only when opted in, and keeps both suites' reports.
 */
function kubernetesReplayRules(replay: Job): string[] {
  const name = PIPELINE.kubernetesReplayJob;
  const problems: string[] = [];
  if (replay.stage !== 'replay' || !text(replay.script).includes('k8s/ci/volume-group-snapshot-replay.sh')) {
    problems.push(`${name}: must run k8s/ci/volume-group-snapshot-replay.sh in stage replay`);
  }
  const variables = isRecord(replay.variables) ? replay.variables : {};
  if (
    variables.KUBERNETES_NAMESPACE_OVERWRITE !== K8S.ciNamespace ||
    variables.KUBERNETES_SERVICE_ACCOUNT_OVERWRITE !== K8S.replayServiceAccount
  ) {
    problems.push(`${name}: its pod must run in ${K8S.ciNamespace} as the service account ${K8S.replayServiceAccount}`);
  }
  const rules = Array.isArray(replay.rules) ? replay.rules.filter(isRecord) : [];
  if (!rules.some((rule) => rule.if === `$${PIPELINE.kubernetesReplayVariable} == "true"`)) {
    problems.push(`${name}: must run only when ${PIPELINE.kubernetesReplayVariable} is "true"`);
  }
  if (replay.resource_group !== 'production-snapshot') {
    problems.push(`${name}: must share the resource group production-snapshot (one snapshot of production at a time)`);
  }
  return [...problems, ...reportRules(name, replay)];
}

/**
 * The data check reads production, so it runs only on a schedule or trigger that opts in and has the production
 * variables; it masks like the snapshot job; it keeps its baseline in a cache (a later pipeline cannot read an earlier
 * one's artifacts) and its reports even when it fails, which is when they matter.
 */
function dataCheckRules(check: Job): string[] {
  const name = PIPELINE.dataCheckJob;
  const problems: string[] = [];
  const rule = (Array.isArray(check.rules) ? check.rules.filter(isRecord) : []).map((r) => String(r.if)).join('\n');
  const wants = [
    '$CI_PIPELINE_SOURCE == "schedule"',
    '$CI_PIPELINE_SOURCE == "trigger"',
    `$${PIPELINE.dataCheckVariable} == "true"`,
    '$PROD_CASSANDRA_CONTACT_POINTS',
  ];
  if (!wants.every((part) => rule.includes(part))) {
    problems.push(
      `${name}: must run only on a schedule or trigger with ${PIPELINE.dataCheckVariable}=true and production variables`,
    );
  }
  const script = text(check.script);
  if (
    !script.includes('npm run data-check --') ||
    !script.includes('--contact-points "$PROD_CASSANDRA_CONTACT_POINTS"')
  ) {
    problems.push(`${name}: must run npm run data-check on $PROD_CASSANDRA_CONTACT_POINTS`);
  }
  const refusal = `[ -z "\${${PIPELINE.maskingKeyVariable}:-}" ] && [ "\${${PIPELINE.unmaskedOptInVariable}:-}" != "true" ]`;
  if (!script.includes(refusal)) {
    problems.push(
      `${name}: must refuse to run without $${PIPELINE.maskingKeyVariable} unless ${PIPELINE.unmaskedOptInVariable}=true`,
    );
  }
  const caches = Array.isArray(check.cache) ? check.cache.filter(isRecord) : [];
  const baseline = caches.find((cache) => text(cache.paths).includes(PIPELINE.dataCheckBaselineDir));
  if (!baseline || baseline.policy !== 'pull-push') {
    problems.push(`${name}: must keep ${PIPELINE.dataCheckBaselineDir} in a pull-push cache between pipelines`);
  }
  if (
    at(check, 'artifacts', 'when') !== 'always' ||
    !text(at(check, 'artifacts', 'paths')).includes(PIPELINE.dataCheckReports)
  ) {
    problems.push(`${name}: must keep ${PIPELINE.dataCheckReports} as an artifact when it fails too`);
  }
  return problems;
}

/** npm's cache, Maven's repository (~/.m2 moved into the project) and the Cassandra jars must be cached paths. */
function cacheRules(pipeline: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const variables = variablesOf(pipeline);
  const cached = (cachingJob: Job) =>
    (Array.isArray(cachingJob.cache) ? cachingJob.cache.filter(isRecord) : []).flatMap((cache) =>
      Array.isArray(cache.paths) ? cache.paths.map(String) : [],
    );
  const inProject = (value: unknown) =>
    String(value ?? '')
      .replace('$CI_PROJECT_DIR/', '')
      .replace(/^-Dmaven\.repo\.local=/, '');
  const wanted = {
    npm: inProject(variables.npm_config_cache),
    m2: inProject(variables.MAVEN_OPTS),
    jars: inProject(variables.CASSANDRA_JARS_DIR),
  };
  for (const name of [PIPELINE.installJob, PIPELINE.testJob, PIPELINE.snapshotJob, PIPELINE.replayJob]) {
    const paths = cached(job(pipeline, name));
    for (const [what, dir] of Object.entries(wanted)) {
      if (!dir || !paths.some((path) => `${dir}/`.startsWith(path))) {
        problems.push(`${name}: ${what} directory ${dir || '(unset)'} is not cached`);
      }
    }
  }
  return problems;
}

/**
 * A Docker runner starts from the bare node image: every job that runs npm first adds, with apt, each package .ci/run
 * installs on a fresh machine (JDK, Maven, Chromium, shellcheck, jq, rsync, git, fonts), or `npm test` fails there.
 */
function toolRules(pipeline: Record<string, unknown>): string[] {
  const variable = PIPELINE.toolPackagesVariable;
  const listed = String(variablesOf(pipeline)[variable] ?? '').split(/\s+/);
  const problems = packagesNpmTestNeeds()
    .filter((needed) => !listed.includes(needed))
    .map((needed) => `${variable} lacks ${needed}, which .ci/run installs for npm test: a Docker runner lacks it too`);
  const { installJob, testJob, snapshotJob, replayJob, replayServiceJob, dataCheckJob } = PIPELINE;
  for (const name of [installJob, testJob, snapshotJob, replayJob, replayServiceJob, dataCheckJob]) {
    const setup = text(job(pipeline, name).before_script);
    if (!setup.includes(`for package in $${variable}`) || !setup.includes('apt-get install')) {
      problems.push(`${name}: its before_script must apt-get install the missing packages of $${variable}`);
    }
  }
  return problems;
}
