import { styleText } from 'node:util';

type Style = Parameters<typeof styleText>[0];
const tty = process.stdout.isTTY && !process.env.NO_COLOR;
export const paint = (style: Style, text: string) => (tty ? styleText(style, text) : text);

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export interface StepTiming {
  title: string;
  ms: number;
}

/** Numbers the steps, says what each is doing, and records how long each took. */
export class Narrator {
  readonly timings: StepTiming[] = [];
  private n = 0;

  constructor(private readonly total: number) {}

  async step<T>(title: string, work: () => Promise<T>, outcome?: (result: T) => string): Promise<T> {
    this.n++;
    console.log(`\n${paint('bold', `[${this.n}/${this.total}] ${title}`)}`);
    const began = performance.now();
    const result = await work();
    const ms = performance.now() - began;
    this.timings.push({ title, ms });
    console.log(`      ${outcome ? outcome(result) : paint('green', 'done')} ${paint('dim', `(${seconds(ms)})`)}`);
    return result;
  }

  /** A line under the current step. */
  say(line: string): void {
    console.log(`      ${line}`);
  }
}
