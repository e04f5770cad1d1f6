import { afterAll, describe, expect, test } from 'vitest';
import { describeEntry } from '../../entries/code-points.js';
import { sampleEntries } from '../../entries/entry-sample.js';
import { entryNewShapeTest, readDriftFile } from '../../entries/new-shape-entries.js';
import { streamById, streamListOrder } from '../../entries/stored-entries.js';
import { AvatarChecks, readEntries, readEntryProblems } from './entry-reads.js';
import { Offenders, Problems, writeFindings } from './findings.js';
import { walkList } from './list-walk.js';
import { count, progressLine } from './progress-line.js';
import { apiSuiteEnvironment } from './suite-environment.js';

// The black-box API suite: it knows only the API's base URL and what the keyspace behind it holds, read straight from
// Cassandra. It runs the same on hand-written dummy data and on a restored copy of production, at any size: the list
// is compared page by page as it streams, and entries are read by id from a bounded sample.
const { baseUrl, endpoint, keyspace, files, sample: sampleOptions, deadline, driftFile } = apiSuiteEnvironment();
const holdsNewShape = driftFile ? await entryNewShapeTest(readDriftFile(driftFile)) : undefined;
const sample = await sampleEntries(streamById(endpoint, keyspace), {
  ...sampleOptions,
  ...(holdsNewShape ? { holdsNewShape } : {}),
});
const offenders = new Offenders();
const coverage: string[] = [];

afterAll(() =>
  writeFindings(files.apiFindings, {
    entries: sample.scanned,
    offending: offenders.list(),
    moreOffending: offenders.more,
    coverage,
  }),
);

describe('GET /healthz', () => {
  test('answers 200 {"status":"ok"}', async () => {
    const res = await fetch(new URL('/healthz', baseUrl));

    expect({ status: res.status, body: await res.text() }).toEqual({ status: 200, body: '{"status":"ok"}' });
  });
});

describe('GET /api/entries', () => {
  test(`lists all ${count(sample.scanned)} entries in order, each byte for byte as stored`, async () => {
    const problems = new Problems();
    const stored = streamListOrder(endpoint, keyspace);
    try {
      const walk = await walkList({
        baseUrl,
        stored,
        offenders,
        fail: problems.add,
        ...(deadline ? { deadline } : {}),
        progress: progressLine('listed', sample.scanned),
      });
      const of = walk.cutShort ? `at least ${count(walk.stored)} (cut short)` : count(walk.stored);
      coverage.push(`listed ${count(walk.listed)} of ${of}`);
    } finally {
      await stored.return(undefined);
    }

    if (problems.count) expect.fail(problems.text());
  });
});

describe('GET /api/entries/:id', () => {
  const { entries, unusual, unusualTaken, newShapesTaken, sampled, seed } = sample;
  const unusualPart =
    (unusualTaken === unusual
      ? `all ${count(unusual)} unusual`
      : `${count(unusualTaken)} of ${count(unusual)} unusual`) +
    (newShapesTaken ? `, ${count(newShapesTaken)} with shapes new since the previous snapshot first` : '');

  test(`reads ${count(entries.length)} entries by id (${unusualPart} + ${count(sampled)} sampled, seed ${seed})`, async () => {
    const problems = new Problems();
    const avatars = new AvatarChecks(baseUrl);
    const read = await readEntries(
      entries,
      async (entry) => {
        for (const problem of await readEntryProblems(baseUrl, entry, avatars)) {
          offenders.add(entry, problem);
          problems.add(`${describeEntry(entry)}: ${problem}`);
        }
      },
      { concurrency: 8, ...(deadline ? { deadline } : {}), progress: progressLine('read by id', entries.length) },
    );
    const cut = read < entries.length ? ` — time budget reached after ${count(read)}` : '';
    coverage.push(`read by id ${count(read)} (${unusualPart} + ${count(sampled)} sampled, seed ${seed})${cut}`);

    if (problems.count) expect.fail(problems.text());
  });
});
