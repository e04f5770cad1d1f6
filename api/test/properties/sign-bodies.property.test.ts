import fc from 'fast-check';
import { describe, it } from 'vitest';
import { servedTestApp } from '../support/served-test-app.js';
import { expectAnsweredAsJudged } from './support/expect-answer.js';
import { judgeBytes } from './support/entry-rules.js';
import { anyJsonText, entryLikeDocument, hostileBytes } from './support/hostile-bodies.js';
import { runs } from './support/hostile-text.js';

const api = servedTestApp();

const sendAndJudge = async (body: string | Uint8Array) => {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const res = await api.post('/api/entries', bytes);
  await expectAnsweredAsJudged(api, res, judgeBytes(bytes));
};

describe('POST /api/entries with any body (property)', () => {
  it('when the body is any JSON document, then it is stored exactly or refused, never a 5xx', async () => {
    await fc.assert(fc.asyncProperty(anyJsonText, sendAndJudge), { numRuns: runs(150) });
  });

  it('when the body is entry-shaped with fields missing, doubled, mistyped or extra, then the model and the API agree', async () => {
    await fc.assert(fc.asyncProperty(entryLikeDocument, sendAndJudge), { numRuns: runs(300) });
  });

  it('when the body is any bytes (noise, broken UTF-8, cut-off JSON, at the size limit), then the model and the API agree', async () => {
    await fc.assert(fc.asyncProperty(hostileBytes, sendAndJudge), { numRuns: runs(300) });
  });
});
