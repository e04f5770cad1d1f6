import type { InterruptedRun } from './interrupt.js';

/** The runs as a table for the test output: command × signal → how it ended and what it left. */
export function matrixTable(runs: InterruptedRun[]): string {
  const rows = runs.map((run) => {
    const ending = run.ending.signal ? `killed by ${run.ending.signal}` : `exit ${run.ending.code}`;
    const left = run.jvmsLeft.length === 0 ? 'no JVM left' : `JVMs left: ${run.jvmsLeft.join(' ')}`;
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    const times = `JVM after ${seconds(run.msToJvm)}, ended ${seconds(run.msToEnd)} after the signal`;
    return `| ${run.command} | ${run.signal} | ${ending} | ${left} | ${times} |`;
  });
  return ['| command | signal | npm ended | JVMs | timings |', '|---|---|---|---|---|', ...rows].join('\n');
}
