import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '@guestbook/cassandra';
import { waitUntilReady } from './local-stack.js';

const API_DIR = fileURLToPath(new URL('../../', import.meta.url));

export interface FloorProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export interface FloorOptions {
  contactPoint: string;
  keyspace: string;
  cursorSecret: string;
}

/** The node:http floor (node-http-floor.ts) in a process of its own, like the API, on the same node and keyspace. */
export async function startFloor(options: FloorOptions): Promise<FloorProcess> {
  const port = await freePort();
  const floor = spawn(process.execPath, ['--import', 'tsx', 'bench/support/node-http-floor.ts'], {
    cwd: API_DIR,
    env: {
      ...process.env,
      PORT: String(port),
      CASSANDRA_CONTACT_POINTS: options.contactPoint,
      CASSANDRA_KEYSPACE: options.keyspace,
      CURSOR_SECRET: options.cursorSecret,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(url, floor);
  } catch (error) {
    floor.kill('SIGKILL');
    throw error;
  }
  return {
    url,
    pid: floor.pid!,
    stop: async () => {
      const exited = new Promise((resolve) => floor.once('exit', resolve));
      floor.kill('SIGTERM');
      await exited;
    },
  };
}
