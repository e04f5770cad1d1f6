import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { javaBinary } from '@guestbook/cassandra';

const SOURCE = fileURLToPath(new URL('./jmx/SnapshotJmx.java', import.meta.url));

export interface JmxSession {
  /** Runs one operation; resolves with the values it answered. Calls may overlap. */
  call(op: string, ...args: string[]): Promise<string[]>;
  close(): Promise<void>;
}

let compiled: Promise<string | undefined> | undefined;

/** Compiles SnapshotJmx.java once per source version into the user cache; undefined when no javac is available. */
function compiledClasses(): Promise<string | undefined> {
  compiled ??= (async () => {
    const source = await readFile(SOURCE);
    const dir = join(homedir(), '.cache', 'guestbook', 'snapshot-jmx', createHash('sha256').update(source).digest('hex').slice(0, 16));
    if (existsSync(join(dir, 'SnapshotJmx.class'))) return dir;
    await mkdir(dirname(dir), { recursive: true });
    const staging = await mkdtemp(`${dir}.partial-`);
    const javac = javaBinary().replace(/java$/, 'javac');
    const ok = await new Promise<boolean>((done) => {
      const child = spawn(javac, ['-d', staging, SOURCE], { stdio: 'ignore' });
      child.on('error', () => done(false));
      child.on('close', (code) => done(code === 0));
    });
    if (!ok) return void (await rm(staging, { recursive: true, force: true }));
    await rename(staging, dir).catch(() => rm(staging, { recursive: true, force: true })); // another process won the race
    return dir;
  })();
  return compiled;
}

/** Starts the JMX client process against host:port; undefined when it cannot be built here (no JDK). */
export async function openJmxSession(host: string, port: number): Promise<JmxSession | undefined> {
  const classes = await compiledClasses();
  if (!classes) return undefined;
  const child = spawn(javaBinary(), ['-Xmx64m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-cp', classes, 'SnapshotJmx', host, String(port)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const pending = new Map<string, { done: (values: string[]) => void; fail: (error: Error) => void }>();
  let nextId = 0;
  const lines = createInterface({ input: child.stdout });
  const exited = new Promise<void>((done) => child.once('close', () => done()));

  const ready = new Promise<void>((done, fail) => {
    child.once('error', fail);
    void exited.then(() => fail(new Error(`JMX client for ${host}:${port} exited: ${stderr.trim()}`)));
    lines.on('line', (line) => {
      if (line === 'ready') return done();
      const [id = '', status, ...values] = line.split('\t');
      const request = pending.get(id);
      pending.delete(id);
      if (status === 'ok') request?.done(values);
      else request?.fail(new Error(values.join(' ')));
    });
  });
  void exited.then(() => {
    for (const request of pending.values()) request.fail(new Error(`JMX client for ${host}:${port} exited: ${stderr.trim()}`));
  });
  await ready;

  return {
    call(op, ...args) {
      const bad = args.find((a) => /[\t\n]/.test(a));
      if (bad !== undefined) return Promise.reject(new Error(`Argument ${JSON.stringify(bad)} contains a tab or newline`));
      const id = String(nextId++);
      return new Promise((done, fail) => {
        pending.set(id, { done, fail });
        child.stdin.write(`${[id, op, ...args].join('\t')}\n`);
      });
    },
    async close() {
      child.stdin.end();
      await exited;
    },
  };
}
