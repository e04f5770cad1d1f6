import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureJars, freePort, javaBinary, jdk17ModuleFlags } from '@guestbook/cassandra';
import cassandra from 'cassandra-driver';

/**
 * A Cassandra node started the way an operator would, not by this project's runtime: its own cassandra.yaml (a
 * package-style /var/lib/cassandra layout under `home`, vnodes, CQL login, Cassandra's periodic commit log), its own
 * java command line with remote JMX behind a password file, and no node.json. Only the jars and the JDK 17 module
 * flags (from Cassandra's jvm17-server.options) are shared with the runtime.
 */
export interface HandStartedNode {
  dataDirectory: string;
  contactPoint: string;
  jmx: { host: string; port: number; username: string; password: string };
  credentials: { username: string; password: string };
  stop(): Promise<void>;
}

const JMX_USER = { username: 'snapshotter', password: 'Jmx-Secret-7' };
const CQL_USER = { username: 'cassandra', password: 'cassandra' };

function cassandraYaml(home: string, ports: { native: number; storage: number }): string {
  const lib = join(home, 'var', 'lib', 'cassandra');
  return `cluster_name: 'hand started'
num_tokens: 4
partitioner: org.apache.cassandra.dht.Murmur3Partitioner
endpoint_snitch: SimpleSnitch
seed_provider:
  - class_name: org.apache.cassandra.locator.SimpleSeedProvider
    parameters:
      - seeds: "127.0.0.1:${ports.storage}"
listen_address: 127.0.0.1
rpc_address: 127.0.0.1
storage_port: ${ports.storage}
native_transport_port: ${ports.native}
data_file_directories: ["${join(lib, 'data')}"]
commitlog_directory: "${join(lib, 'commitlog')}"
saved_caches_directory: "${join(lib, 'saved_caches')}"
hints_directory: "${join(lib, 'hints')}"
commitlog_sync: periodic
commitlog_sync_period: 10000ms
authenticator: PasswordAuthenticator
authorizer: CassandraAuthorizer
role_manager: CassandraRoleManager
concurrent_compactors: 1
memtable_heap_space: 64MiB
`;
}

const LOGBACK = (logDir: string) => `<configuration>
  <appender name="FILE" class="ch.qos.logback.core.FileAppender">
    <file>${join(logDir, 'system.log')}</file>
    <encoder><pattern>%-5level %date{ISO8601} %msg%n</pattern></encoder>
  </appender>
  <root level="INFO"><appender-ref ref="FILE"/></root>
</configuration>
`;

export async function startHandStartedNode(home: string): Promise<HandStartedNode> {
  const conf = join(home, 'etc', 'cassandra');
  const logDir = join(home, 'var', 'log', 'cassandra');
  for (const dir of [conf, logDir]) mkdirSync(dir, { recursive: true });
  const ports = { native: await freePort(), storage: await freePort(), jmx: await freePort() };
  writeFileSync(join(conf, 'cassandra.yaml'), cassandraYaml(home, ports));
  writeFileSync(join(conf, 'logback.xml'), LOGBACK(logDir));
  // The JDK refuses a JMX password file that others can read; its format splits on whitespace, so no spaces in passwords.
  writeFileSync(join(conf, 'jmxremote.password'), `${JMX_USER.username} ${JMX_USER.password}\n`);
  chmodSync(join(conf, 'jmxremote.password'), 0o400);
  writeFileSync(join(conf, 'jmxremote.access'), `${JMX_USER.username} readwrite\n`);

  const args = [
    '-Xms384m',
    '-Xmx384m',
    '-XX:+UseG1GC',
    '-Djava.net.preferIPv4Stack=true',
    '-Djdk.attach.allowAttachSelf=true',
    ...jdk17ModuleFlags,
    '-Dcassandra-foreground=yes',
    `-Dcassandra.config=file://${join(conf, 'cassandra.yaml')}`,
    `-Dcassandra.logdir=${logDir}`,
    `-Dlogback.configurationFile=${join(conf, 'logback.xml')}`,
    // Remote JMX with a login, as cassandra-env.sh sets it up when LOCAL_JMX=no.
    `-Dcassandra.jmx.remote.port=${ports.jmx}`,
    `-Dcom.sun.management.jmxremote.rmi.port=${ports.jmx}`,
    '-Djava.rmi.server.hostname=127.0.0.1',
    '-Dcom.sun.management.jmxremote.ssl=false',
    '-Dcom.sun.management.jmxremote.authenticate=true',
    `-Dcom.sun.management.jmxremote.password.file=${join(conf, 'jmxremote.password')}`,
    `-Dcom.sun.management.jmxremote.access.file=${join(conf, 'jmxremote.access')}`,
    '-Dcassandra.skip_wait_for_gossip_to_settle=0',
    '-Dcassandra.superuser_setup_delay_ms=0',
    '-cp',
    `${conf}:${await ensureJars()}/*`,
    'org.apache.cassandra.service.CassandraDaemon',
  ];
  const out = openSync(join(logDir, 'stdout.log'), 'a');
  const child = spawn(javaBinary(), args, { cwd: home, stdio: ['ignore', out, out] });
  // Should the test process end without stopping it, the node goes too.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const node: HandStartedNode = {
    dataDirectory: join(home, 'var', 'lib', 'cassandra', 'data'),
    contactPoint: `127.0.0.1:${ports.native}`,
    jmx: { host: '127.0.0.1', port: ports.jmx, ...JMX_USER },
    credentials: CQL_USER,
    stop: () => stopNode(child, killOnExit),
  };
  await waitForLogin(node, child);
  return node;
}

async function waitForLogin(node: HandStartedNode, child: ChildProcess): Promise<void> {
  for (const deadline = Date.now() + 240_000; Date.now() < deadline; await sleep(500)) {
    if (child.exitCode !== null) throw new Error(`The hand-started node exited (${child.exitCode}); see its logs`);
    const client = new cassandra.Client({
      contactPoints: [node.contactPoint],
      localDataCenter: 'datacenter1',
      credentials: node.credentials,
    });
    try {
      await client.execute('SELECT release_version FROM system.local');
      return;
    } catch {
      // not up yet, or the superuser is not created yet
    } finally {
      await client.shutdown().catch(() => {});
    }
  }
  await stopNode(child, () => {});
  throw new Error('The hand-started node did not accept a CQL login within 240 s');
}

async function stopNode(child: ChildProcess, killOnExit: () => void): Promise<void> {
  process.removeListener('exit', killOnExit);
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}
