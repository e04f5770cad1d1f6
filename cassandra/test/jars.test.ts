import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureJars } from '../src/jars.js';
import { MavenProgress, RUNTIME_JARS } from '../src/maven-progress.js';

const central = 'https://repo.maven.apache.org/maven2';
const plugins = `${central}/org/apache/maven/plugins/maven-clean-plugin/2.5`;
const cassandraAll = `${central}/org/apache/cassandra/cassandra-all/5.0.8`;
const guava = `${central}/com/google/guava`;
// Lines as `mvn -B dependency:copy-dependencies` prints them on a machine whose ~/.m2 is empty, shortened.
const MAVEN_OUTPUT = `[INFO] Scanning for projects...
[INFO] Downloaded from central: ${plugins}/maven-clean-plugin-2.5.pom (3.9 kB at 24 kB/s)
[INFO] Downloaded from central: ${plugins}/maven-clean-plugin-2.5.jar (25 kB at 2.1 MB/s)
[INFO] --------------------< guestbook:cassandra-runtime >---------------------
[INFO] Building cassandra-runtime 1
[INFO] --------------------------------[ pom ]---------------------------------
[INFO] Downloaded from central: ${cassandraAll}/cassandra-all-5.0.8.pom (12 kB at 1.2 MB/s)
[INFO] Downloading from central: ${cassandraAll}/cassandra-all-5.0.8.jar
[INFO] Downloaded from central: ${guava}/failureaccess/1.0.1/failureaccess-1.0.1.jar (4.6 kB at 9 kB/s)
[INFO] Downloaded from central: ${cassandraAll}/cassandra-all-5.0.8.jar (11 MB at 11 MB/s)
[INFO]
[INFO] --- maven-dependency-plugin:2.8:copy-dependencies (default-cli) @ cassandra-runtime ---
[INFO] Downloaded from central: ${central}/commons-lang/commons-lang/2.6/commons-lang-2.6.jar (284 kB at 1.6 MB/s)
[INFO] Copying cassandra-all-5.0.8.jar to /tmp/lib/cassandra-all-5.0.8.jar`;

describe('MavenProgress', () => {
  it("when Maven downloads, then the project's jars count against the known total, apart from Maven's plugins", () => {
    const lines: string[] = [];
    const progress = new MavenProgress((line) => lines.push(line), 0);

    for (const line of MAVEN_OUTPUT.split('\n')) progress.line(line);

    expect(lines).toEqual([
      'Maven is fetching its own plugins first (once per machine)...',
      '  1 of 100 jars downloaded, 0.0 of 69.2 MB',
      '  2 of 100 jars downloaded, 11.0 of 69.2 MB',
    ]);
  });
});

describe('ensureJars', () => {
  it('when the jars are cached, then they are exactly the runtime set the progress counts against', async () => {
    const dir = await ensureJars();
    const jars = readdirSync(dir).filter((name) => name.endsWith('.jar'));

    expect({ count: jars.length, bytes: jars.reduce((sum, name) => sum + statSync(join(dir, name)).size, 0) }).toEqual(
      RUNTIME_JARS,
    );
  });
});
