import fc from 'fast-check';
import { describe, it } from 'vitest';
import { servedTestApp } from '../support/served-test-app.js';
import { expectAnsweredAsJudged, expectStoredExactly } from './support/expect-answer.js';
import { judgeBytes } from './support/entry-rules.js';
import { acceptableMessage, acceptableName, hostileText, runs } from './support/hostile-text.js';

const api = servedTestApp();

describe('POST /api/entries with any text (property)', () => {
  it('when name and message are any well-formed text within the rules, then the entry reads back exactly', async () => {
    await fc.assert(
      fc.asyncProperty(acceptableName, acceptableMessage, async (name, message) => {
        const res = await api.post('/api/entries', JSON.stringify({ name, message }));
        await expectStoredExactly(api, res, { name, message });
      }),
      { numRuns: runs(150) },
    );
  });

  it('when name and message are any string at all, then it is stored exactly or refused naming the field', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, hostileText, async (name, message) => {
        // JSON.stringify writes lone surrogates as \udXXX escapes: the body is valid UTF-8 that decodes to them.
        const body = JSON.stringify({ name, message });
        const res = await api.post('/api/entries', body);
        await expectAnsweredAsJudged(api, res, judgeBytes(Buffer.from(body)));
      }),
      { numRuns: runs(300) },
    );
  });
});
