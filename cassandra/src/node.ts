import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CLIENT_LOGBACK, cassandraYaml, logbackXml } from './config-files.js';
import { NodeStartError } from './errors.js';
import { ensureJars } from './jars.js';
import { serverJvmArgs } from './jvm-flags.js';
import { runNodetool } from './nodetool.js';
import { readNodeState, writeNodeState, type NodeState } from './node-state.js';
import { PortTakenError, waitForCql } from './node-readiness.js';
import { stopOrphanedNode } from './orphaned-node.js';
import { freePort } from './ports.js';
import { assertJava17, javaBinary } from './prerequisites.js';
import { installShutdownHandling, trackPid, untrackPid } from './process-registry.js';
import { isAlive, isCassandraProcess, waitUntilDead } from './processes.js';

export interface StartNodeOptions {
  /** Home of the node: conf/, data/, logs/ and node.json live here. Reusing a directory keeps its data and ports. */
  directory: string;
  clusterName?: string;
  heapMb?: number;
  host?: string;
  nativePort?: number;
  storagePort?: number;
  /** For a node of a multi-node cluster (see CassandraCluster): the seeds (`host:port`) and the token(s) it owns. */
  seeds?: string[];
  initialToken?: string;
  /** Turns on PasswordAuthenticator; the superuser is cassandra/cassandra. */
  passwordAuth?: boolean;
  startTimeoutMs?: number;
  log?: (line: string) => void;
}

const SUPERUSER = { username: 'cassandra', password: 'cassandra' };

/** A real Apache Cassandra node running in a JVM of its own. */
export class CassandraNode {
  private exited: Promise<void>;

  private constructor(
    readonly directory: string,
    readonly state: NodeState & { pid: number },
    readonly startupMs: number,
    private readonly jarsDir: string,
    child: ChildProcess | undefined,
  ) {
    this.exited = child ? new Promise((done) => child.once('exit', () => done())) : waitUntilDead(state.pid);
  }

  get host(): string {
    return this.state.host;
  }
  get nativePort(): number {
    return this.state.nativePort;
  }
  get jmxPort(): number {
    return this.state.jmxPort;
  }
  get pid(): number {
    return this.state.pid;
  }
  /** `host:port`, the form CASSANDRA_CONTACT_POINTS takes. */
  get contactPoint(): string {
    return `${this.host}:${this.nativePort}`;
  }
  /** Where the node keeps its SSTables: <dataDirectory>/<keyspace>/<table>-<id>/. */
  get dataDirectory(): string {
    return join(this.directory, 'data', 'data');
  }
  get credentials(): { username: string; password: string } | undefined {
    return this.state.passwordAuth ? SUPERUSER : undefined;
  }

  static async start(options: StartNodeOptions): Promise<CassandraNode> {
    const log = options.log ?? (() => {});
    assertJava17();
    const jarsDir = await ensureJars(log);
    const directory = resolve(options.directory);
    for (const sub of ['conf', 'data', 'logs']) mkdirSync(join(directory, sub), { recursive: true });
    const portsArePicked = !options.nativePort && !readNodeState(directory);
    for (let attempt = 1; ; attempt++) {
      try {
        return await CassandraNode.launch(directory, jarsDir, options, log);
      } catch (error) {
        // Free ports are picked before the JVM binds them, so another process can take one in between. Ports this call
        // picked itself can simply be picked again; remembered or requested ones are the caller's to sort out.
        if (!(error instanceof PortTakenError) || !portsArePicked || attempt === 3) throw error;
        log(`A port was taken while Cassandra started; trying again on other ports`);
        rmSync(join(directory, 'node.json'), { force: true });
      }
    }
  }

  private static async launch(
    directory: string,
    jarsDir: string,
    options: StartNodeOptions,
    log: (line: string) => void,
  ): Promise<CassandraNode> {
    const previous = readNodeState(directory);
    await stopOrphanedNode(directory, previous, log);
    const host = options.host ?? previous?.host ?? '127.0.0.1';
    const state: NodeState = {
      clusterName: options.clusterName ?? previous?.clusterName ?? basename(directory),
      host,
      nativePort: options.nativePort ?? previous?.nativePort ?? (await freePort(host)),
      storagePort: options.storagePort ?? previous?.storagePort ?? (await freePort(host)),
      jmxPort: previous?.jmxPort ?? (await freePort('127.0.0.1')),
      passwordAuth: options.passwordAuth ?? previous?.passwordAuth ?? false,
      seeds: options.seeds ?? previous?.seeds,
      initialToken: options.initialToken ?? previous?.initialToken,
    };
    const heapMb = options.heapMb ?? 512;

    const conf = join(directory, 'conf');
    const logDir = join(directory, 'logs');
    writeFileSync(
      join(conf, 'cassandra.yaml'),
      cassandraYaml({ ...state, heapMb, listenAddress: host, dataDir: join(directory, 'data'), logDir }),
    );
    writeFileSync(join(conf, 'logback.xml'), logbackXml(logDir));
    writeFileSync(join(conf, 'logback-tools.xml'), CLIENT_LOGBACK);
    const logFile = join(logDir, 'system.log');
    const logOffset = existsSync(logFile) ? readFileSync(logFile).length : 0;

    const began = performance.now();
    const out = openSync(join(logDir, 'stdout.log'), 'a');
    const args = [
      ...serverJvmArgs({
        heapMb,
        configFile: join(conf, 'cassandra.yaml'),
        logbackFile: join(conf, 'logback.xml'),
        storageDir: join(directory, 'data'),
        logDir,
        jmxPort: state.jmxPort,
        joinsRing: state.seeds !== undefined && !state.seeds.includes(`${host}:${state.storagePort}`),
      }),
      '-cp',
      `${conf}:${jarsDir}/*`,
      'org.apache.cassandra.service.CassandraDaemon',
    ];
    installShutdownHandling();
    const child = spawn(javaBinary(), args, { cwd: directory, detached: true, stdio: ['ignore', out, out] });
    if (!child.pid) throw new NodeStartError(`Could not start ${javaBinary()} for the node in ${directory}.`);
    trackPid(child.pid);
    child.once('exit', () => untrackPid(child.pid!));
    const running = { ...state, pid: child.pid };
    writeNodeState(directory, { ...running, ownerPid: process.pid });
    log(`Starting Cassandra in ${directory} (CQL on ${host}:${state.nativePort})...`);

    const node = new CassandraNode(directory, running, 0, jarsDir, child);
    try {
      await waitForCql(node, child, logFile, logOffset, options.startTimeoutMs ?? 180_000);
    } catch (error) {
      await node.kill();
      throw error;
    }
    const startupMs = Math.round(performance.now() - began);
    log(`Cassandra is up after ${(startupMs / 1000).toFixed(1)} s`);
    return new CassandraNode(directory, running, startupMs, jarsDir, child);
  }

  /** Attaches to a node that `start` left running in `directory` (for example from the CLI). */
  static async attach(directory: string): Promise<CassandraNode | undefined> {
    const dir = resolve(directory);
    const state = readNodeState(dir);
    if (!state?.pid || !isAlive(state.pid) || !isCassandraProcess(state.pid)) return undefined;
    return new CassandraNode(dir, { ...state, pid: state.pid }, 0, await ensureJars(), undefined);
  }

  /** Runs `nodetool <args>` against this node and returns its standard output. */
  nodetool(...args: string[]): Promise<string> {
    return runNodetool({ host: '127.0.0.1', port: this.jmxPort }, args, {
      jarsDir: this.jarsDir,
      logbackFile: join(this.directory, 'conf', 'logback-tools.xml'),
      homeDirectory: this.directory,
    });
  }

  /** Drains (memtables flushed, commit log clean), then stops the JVM; a hard kill only if it will not go. */
  async stop(): Promise<void> {
    if (!isAlive(this.pid)) return;
    try {
      await this.nodetool('drain');
    } catch {
      // A node that cannot drain is still stopped; its commit log replays at the next start.
    }
    this.signal('SIGTERM');
    const patience = new AbortController();
    const stopped = await Promise.race([
      this.exited.then(() => true),
      sleep(30_000, false, { signal: patience.signal }).catch(() => false),
    ]);
    patience.abort();
    if (!stopped) await this.kill();
    untrackPid(this.pid);
  }

  /** Hard kill, as a crashed machine would: no drain, no shutdown hooks. */
  async kill(): Promise<void> {
    this.signal('SIGKILL');
    await this.exited;
    untrackPid(this.pid);
  }

  /** Lets the JVM outlive this process (the CLI's `start`): nothing here will stop it any more. */
  leaveRunning(): void {
    untrackPid(this.pid);
    writeNodeState(this.directory, { ...this.state, ownerPid: undefined });
  }

  isRunning(): boolean {
    return isAlive(this.pid);
  }

  private signal(sig: NodeJS.Signals): void {
    try {
      process.kill(-this.pid, sig);
    } catch {
      // already gone
    }
  }
}
