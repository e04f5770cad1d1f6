import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientJvmArgs } from './jvm-flags.js';
import { javaBinary } from './prerequisites.js';

/** Where nodetool finds a node's JMX, and with which JMX user when the node asks for one. */
export interface JmxEndpoint {
  host: string;
  port: number;
  username?: string;
  password?: string;
}

export interface NodetoolOptions {
  jarsDir: string;
  /** nodetool's own logback configuration (warnings to stderr, so stdout stays parseable). */
  logbackFile: string;
  /** nodetool writes its history under the user's home: a directory of the caller's. */
  homeDirectory: string;
}

/** Runs `nodetool <args>` from the Cassandra jars against `jmx` and returns its standard output. */
export async function runNodetool(jmx: JmxEndpoint, args: string[], options: NodetoolOptions): Promise<string> {
  // The password goes in a file only this user can read, never on a command line that `ps` shows to everyone.
  const secrets = jmx.username ? mkdtempSync(join(tmpdir(), 'nodetool-')) : undefined;
  const auth: string[] = [];
  if (secrets && jmx.username) {
    writeFileSync(join(secrets, 'password'), `${jmx.username} ${jmx.password ?? ''}\n`, { mode: 0o600 });
    auth.push('-u', jmx.username, '-pwf', join(secrets, 'password'));
  }
  const javaArgs = [
    ...clientJvmArgs(),
    `-Dlogback.configurationFile=${options.logbackFile}`,
    `-Duser.home=${options.homeDirectory}`,
    '-cp',
    `${options.jarsDir}/*`,
    'org.apache.cassandra.tools.NodeTool',
    '-h',
    jmx.host,
    '-p',
    String(jmx.port),
    ...auth,
    ...args,
  ];
  try {
    return await new Promise((done, fail) => {
      const tool = spawn(javaBinary(), javaArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      tool.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      tool.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      tool.on('error', fail);
      tool.on('close', (code) =>
        code === 0
          ? done(stdout)
          : fail(new Error(`nodetool ${args.join(' ')} failed (exit ${code}): ${(stderr || stdout).trim()}`)),
      );
    });
  } finally {
    if (secrets) rmSync(secrets, { recursive: true, force: true });
  }
}
