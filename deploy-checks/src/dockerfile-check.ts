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
      stages.push({ name: name ?? null, image: image.replace(/\$\{(\w+)\}/g, (_, v: string) => args.get(v) ?? ''), instructions: [] });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

/** The .dockerignore patterns this repository uses: plain paths, optionally under any folder with a leading double-star. */
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

const content = (i: Instruction) => i.getArgumentsContent() ?? '';
const flag = (i: Instruction, name: string) =>
  (i as Instruction & { getFlags?: () => { getName(): string; getValue(): string | null }[] }).getFlags?.().find((f) => f.getName() === name)?.getValue();

/** Problems with one Dockerfile: multi-stage, non-root, healthcheck and port per the contract, sources that exist. */
export function checkDockerfile(text: string, where: string, expected: DockerfileExpectations): string[] {
  const problems: string[] = [];
  const stages = dockerfileStages(text);
  const names = new Set(stages.map((s) => s.name).filter(Boolean));
  const runtime = stages.at(-1);
  if (stages.length < 2 || !runtime) return [`${where}: not multi-stage (${stages.length} FROM)`];

  for (const stage of stages) {
    const major = /^node:(\d+)/.exec(stage.image)?.[1];
    if (major && Number(major) < 20) problems.push(`${where}: stage ${stage.name} uses Node ${major}; the project needs >= 20`);
    for (const i of stage.instructions) {
      const from = i.getKeyword() === 'COPY' ? flag(i, 'from') : undefined;
      if (from && !names.has(from)) problems.push(`${where}: COPY --from=${from} names no stage`);
      if (i.getKeyword() === 'COPY' && !from) {
        const sources = i.getArguments().map((a) => a.getValue()).slice(0, -1);
        for (const source of sources.filter((s) => !s.startsWith('['))) {
          if (!existsSync(repoPath(source))) problems.push(`${where}: COPY ${source}: no such path in the build context`);
          else if (isDockerIgnored(source)) problems.push(`${where}: COPY ${source}: excluded by .dockerignore`);
        }
      }
      for (const [, script, workspace] of content(i).matchAll(/npm run (\S+) (?:-w|--workspace) (\S+)/g)) {
        const manifest = JSON.parse(readFileSync(repoPath(`${workspace}/package.json`), 'utf8')) as { scripts?: Record<string, string> };
        if (!manifest.scripts?.[script ?? '']) problems.push(`${where}: runs "npm run ${script}" in ${workspace}, which has no such script`);
      }
      // Exec form too: ["npm", "start"] reads as "npm start" once the JSON punctuation is gone.
      if (/\bnpm (run )?start\b/.test(content(i).replace(/[[\]",]+/g, ' ').replace(/\s+/g, ' '))) problems.push(`${where}: uses npm start; run node directly so signals reach it`);
    }
  }

  const last = (keyword: string) => runtime.instructions.filter((i) => i.getKeyword() === keyword).at(-1);
  const user = last('USER') ? content(last('USER')!).split(':')[0] : undefined;
  if (!user || user === 'root' || user === '0') problems.push(`${where}: the runtime stage runs as ${user ?? 'root (no USER)'}`);
  const exposed = runtime.instructions.filter((i) => i.getKeyword() === 'EXPOSE').flatMap((i) => i.getArguments().map((a) => a.getValue()));
  if (!exposed.includes(String(expected.port))) problems.push(`${where}: EXPOSE ${exposed.join(' ') || '(none)'}, expected ${expected.port}`);
  const healthcheck = last('HEALTHCHECK');
  const probe = healthcheck ? content(healthcheck) : '';
  if (!healthcheck || !probe.includes(`${expected.port}`) || !probe.includes(expected.healthPath)) {
    problems.push(`${where}: the runtime HEALTHCHECK must probe port ${expected.port} at ${expected.healthPath} (has: ${probe || 'none'})`);
  }
  if (expected.command) {
    const cmd = last('CMD');
    let json: unknown;
    try {
      json = cmd ? JSON.parse(content(cmd)) : undefined;
    } catch {
      json = content(cmd!); // shell form: never equal to the expected exec form
    }
    if (JSON.stringify(json) !== JSON.stringify(expected.command)) {
      problems.push(`${where}: CMD ${cmd ? content(cmd) : '(none)'}, expected exec form ${JSON.stringify(expected.command)}`);
    }
  }
  return problems;
}

export function dockerfileStageNames(relative: string): string[] {
  return dockerfileStages(readFileSync(repoPath(relative), 'utf8')).flatMap((s) => (s.name ? [s.name] : []));
}
