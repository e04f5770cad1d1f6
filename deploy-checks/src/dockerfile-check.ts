import { existsSync, readFileSync } from 'node:fs';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { repoPath } from './repo-files.js';

export interface DockerfileExpectations {
  port: number;
  healthPath: string;
  /** Exec-form CMD the runtime stage must end with; omitted when the base image's CMD is the point (nginx). */
  command?: readonly string[];
}

interface Stage {
  name: string | null;
  image: string;
  instructions: Instruction[];
}

/** Splits a parsed Dockerfile into its stages, resolving `FROM ${ARG}` with the ARG defaults declared before it. */
export function dockerfileStages(text: string): Stage[] {
  const dockerfile = DockerfileParser.parse(text);
  const args = new Map<string, string>();
  for (const arg of dockerfile.getInitialARGs()) {
    const [name, value] = (arg.getArgumentsContent() ?? '').split('=');
    if (name && value) args.set(name, value);
  }
  const stages: Stage[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction.getKeyword() === 'FROM') {
      const [image = '', , name] = instruction.getArguments().map((a) => a.getValue());
      const resolved = image.replace(/\$\{(\w+)\}/g, (_, variable: string) => args.get(variable) ?? '');
      stages.push({ name: name ?? null, image: resolved, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

/** The .dockerignore patterns this repository uses: plain paths, optionally under any folder with a leading `**`. */
function isDockerIgnored(source: string): boolean {
  if (source === '.') return false;
  const segments = source.replace(/\/$/, '').split('/');
  return readFileSync(repoPath('.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .some((pattern) => {
      const anywhere = pattern.startsWith('**/');
      const path = pattern.replace(/^\*\*\//, '').replace(/\/$/, '');
      if (source === path || source.startsWith(`${path}/`)) return true;
      return anywhere && segments.includes(path);
    });
}

const content = (instruction: Instruction) => instruction.getArgumentsContent() ?? '';
type Flagged = Instruction & { getFlags?: () => { getName(): string; getValue(): string | null }[] };
const flag = (instruction: Instruction, name: string) =>
  (instruction as Flagged)
    .getFlags?.()
    .find((found) => found.getName() === name)
    ?.getValue();

/** Problems with one Dockerfile: multi-stage, non-root, healthcheck and port per the contract, sources that exist. */
export function checkDockerfile(text: string, where: string, expected: DockerfileExpectations): string[] {
  const stages = dockerfileStages(text);
  const runtime = stages.at(-1);
  if (stages.length < 2 || !runtime) return [`${where}: not multi-stage (${stages.length} FROM)`];
  const names = new Set(stages.map((stage) => stage.name).filter(Boolean));
  return [
    ...stages.flatMap((stage) => [
      ...nodeVersionRules(stage, where),
      ...stage.instructions.flatMap((instruction) => instructionRules(instruction, where, names)),
    ]),
    ...runtimeUserRules(runtime, where),
    ...runtimePortRules(runtime, where, expected),
    ...runtimeCommandRules(runtime, where, expected),
  ];
}

function nodeVersionRules(stage: Stage, where: string): string[] {
  const major = /^node:(\d+)/.exec(stage.image)?.[1];
  if (!major || Number(major) >= 20) return [];
  return [`${where}: stage ${stage.name} uses Node ${major}; the project needs >= 20`];
}

type Manifest = { scripts?: Record<string, string> };

/** Every COPY reads a stage or a path the build context holds, every npm script exists, and nothing runs npm start. */
function instructionRules(instruction: Instruction, where: string, stageNames: Set<string | null>): string[] {
  const problems: string[] = [];
  const isCopy = instruction.getKeyword() === 'COPY';
  const from = isCopy ? flag(instruction, 'from') : undefined;
  if (from && !stageNames.has(from)) problems.push(`${where}: COPY --from=${from} names no stage`);
  if (isCopy && !from) problems.push(...copySourceRules(instruction, where));
  for (const [, script, workspace] of content(instruction).matchAll(/npm run (\S+) (?:-w|--workspace) (\S+)/g)) {
    const manifest = JSON.parse(readFileSync(repoPath(`${workspace}/package.json`), 'utf8')) as Manifest;
    if (!manifest.scripts?.[script ?? '']) {
      problems.push(`${where}: runs "npm run ${script}" in ${workspace}, which has no such script`);
    }
  }
  // Exec form too: ["npm", "start"] reads as "npm start" once the JSON punctuation is gone.
  if (
    /\bnpm (run )?start\b/.test(
      content(instruction)
        .replace(/[[\]",]+/g, ' ')
        .replace(/\s+/g, ' '),
    )
  ) {
    problems.push(`${where}: uses npm start; run node directly so signals reach it`);
  }
  return problems;
}

function copySourceRules(copy: Instruction, where: string): string[] {
  const sources = copy
    .getArguments()
    .map((argument) => argument.getValue())
    .slice(0, -1);
  return sources
    .filter((source) => !source.startsWith('['))
    .flatMap((source) => {
      if (!existsSync(repoPath(source))) return [`${where}: COPY ${source}: no such path in the build context`];
      return isDockerIgnored(source) ? [`${where}: COPY ${source}: excluded by .dockerignore`] : [];
    });
}

const lastOf = (stage: Stage, keyword: string) => stage.instructions.filter((i) => i.getKeyword() === keyword).at(-1);

function runtimeUserRules(runtime: Stage, where: string): string[] {
  const userInstruction = lastOf(runtime, 'USER');
  const user = userInstruction ? content(userInstruction).split(':')[0] : undefined;
  if (user && user !== 'root' && user !== '0') return [];
  return [`${where}: the runtime stage runs as ${user ?? 'root (no USER)'}`];
}

/** The runtime exposes the contract's port and its HEALTHCHECK probes that port at the health path. */
function runtimePortRules(runtime: Stage, where: string, expected: DockerfileExpectations): string[] {
  const problems: string[] = [];
  const exposed = runtime.instructions
    .filter((i) => i.getKeyword() === 'EXPOSE')
    .flatMap((i) => i.getArguments().map((argument) => argument.getValue()));
  if (!exposed.includes(String(expected.port))) {
    problems.push(`${where}: EXPOSE ${exposed.join(' ') || '(none)'}, expected ${expected.port}`);
  }
  const healthcheck = lastOf(runtime, 'HEALTHCHECK');
  const probe = healthcheck ? content(healthcheck) : '';
  if (!healthcheck || !probe.includes(`${expected.port}`) || !probe.includes(expected.healthPath)) {
    problems.push(
      `${where}: the runtime HEALTHCHECK must probe port ${expected.port} at ${expected.healthPath} ` +
        `(has: ${probe || 'none'})`,
    );
  }
  return problems;
}

function runtimeCommandRules(runtime: Stage, where: string, expected: DockerfileExpectations): string[] {
  if (!expected.command) return [];
  const cmd = lastOf(runtime, 'CMD');
  let json: unknown;
  try {
    json = cmd ? JSON.parse(content(cmd)) : undefined;
  } catch {
    json = content(cmd!); // shell form: never equal to the expected exec form
  }
  if (JSON.stringify(json) === JSON.stringify(expected.command)) return [];
  return [`${where}: CMD ${cmd ? content(cmd) : '(none)'}, expected exec form ${JSON.stringify(expected.command)}`];
}

export function dockerfileStageNames(relative: string): string[] {
  return dockerfileStages(readFileSync(repoPath(relative), 'utf8')).flatMap((s) => (s.name ? [s.name] : []));
}
