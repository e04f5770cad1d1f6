/** What the pinned cassandra-all resolves to at runtime (checked against the cache by test/jars.test.ts). */
export const RUNTIME_JARS = { count: 100, bytes: 69_217_912 };

const DOWNLOADED = /^\[INFO\] Downloaded from [^:]+: (\S+) \(([\d.]+) (B|kB|MB|GB)/;
const UNIT = { B: 1, kB: 1e3, MB: 1e6, GB: 1e9 } as const;
const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

/**
 * Turns Maven's batch-mode transfer lines into a few progress lines. The project's jars are the ones downloaded after
 * "Building" and before the copy starts; what Maven fetches around them are its own plugins, counted apart. A jar
 * already in ~/.m2 is not downloaded, so a run can end below the total.
 */
export class MavenProgress {
  private phase: 'maven' | 'jars' | 'copy' = 'maven';
  private jars = 0;
  private bytes = 0;
  private setupFiles = 0;
  private lastReport = 0;
  private reported = 0;

  constructor(
    private readonly report: (line: string) => void,
    private readonly everyMs = 2000,
  ) {}

  line(text: string): void {
    if (text.startsWith('[INFO] Building ')) {
      this.phase = 'jars';
      this.lastReport = Date.now();
    } else if (this.phase === 'jars' && text.startsWith('[INFO] --- ')) this.finishJars();
    const match = DOWNLOADED.exec(text);
    if (!match) return;
    const [, url = '', size = '0', unit = 'B'] = match;
    if (this.phase !== 'jars') {
      if (this.setupFiles++ === 0) this.report('Maven is fetching its own plugins first (once per machine)...');
      return;
    }
    if (!url.endsWith('.jar')) return;
    this.jars += 1;
    this.bytes += Number(size) * UNIT[unit as keyof typeof UNIT];
    if (Date.now() - this.lastReport >= this.everyMs) this.reportJars();
  }

  private finishJars(): void {
    this.phase = 'copy';
    if (this.jars > this.reported) this.reportJars();
  }

  private reportJars(): void {
    this.lastReport = Date.now();
    this.reported = this.jars;
    this.report(
      `  ${this.jars} of ${RUNTIME_JARS.count} jars downloaded, ${mb(this.bytes)} of ${mb(RUNTIME_JARS.bytes)} MB`,
    );
  }
}
