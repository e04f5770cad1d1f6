import { readFileSync } from 'node:fs';
import type { Drift } from '../snapshot/profile/drift.js';
import { newShapeTest } from '../snapshot/profile/new-shapes.js';

/** Whether an entry's name or message holds a shape the drift found new since the previous snapshot. */
export async function entryNewShapeTest(drift: Drift): Promise<(entry: { name: string; message: string }) => boolean> {
  const test = await newShapeTest(drift);
  return (entry) => test('name', entry.name) || test('message', entry.message);
}

/** The drift the replay wrote for the suites (REPLAY_DRIFT_FILE). */
export const readDriftFile = (file: string): Drift => JSON.parse(readFileSync(file, 'utf8')) as Drift;
