import { resolve } from 'node:path';

/** Paths on a bench's command line are read from where `npm run` was typed, not from the workspace npm runs it in. */
export function fromWhereRun(path: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), path);
}
