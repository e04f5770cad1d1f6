import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { javaBinary } from '@guestbook/cassandra';
import { compiledClasses } from '../java-classes.js';

const SOURCE = fileURLToPath(new URL('./jmx/SnapshotJmx.java', import.meta.url));

export interface JmxSession {
  /** Runs one operation; resolves with the values it answered. Calls may overlap. */
  call(op: string, ...args: string[]): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * Starts the JMX client process against host:port; undefined when it cannot be built here (no JDK). The JMX user and
 * password reach it in its environment, which only this user can read, never on its command line.
 */
export async function openJmxSession(
  host: string,
  port: number,
  credentials?: { username: string; password: string },
): Promise<JmxSession | undefined> {
  const classes = await compiledClasses(SOURCE, 'snapshot-jmx');
  if (!classes) return undefined;
  const child = spawn(
    javaBinary(),
    ['-Xmx64m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-cp', classes, 'SnapshotJmx', host, String(port)],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: {
        ...process.env,
        ...(credentials ? { JMX_USERNAME: credentials.username, JMX_PASSWORD: credentials.password } : {}),
      },
    },
  );
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
    for (const request of pending.values())
      request.fail(new Error(`JMX client for ${host}:${port} exited: ${stderr.trim()}`));
  });
  await ready;

  return {
    call(op, ...args) {
      const bad = args.find((a) => /[\t\n]/.test(a));
      if (bad !== undefined)
        return Promise.reject(new Error(`Argument ${JSON.stringify(bad)} contains a tab or newline`));
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
