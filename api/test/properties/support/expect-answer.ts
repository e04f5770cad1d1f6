import { expect } from 'vitest';
import type { ApiClient, ApiResponse } from './live-server.js';
import type { Verdict } from './entry-rules.js';

/**
 * The property every sign must satisfy: the answer is the one the model predicts, never a 5xx; a 201 entry reads back
 * with exactly the text sent, by id and in the list; a refusal is JSON naming a field the model also finds wrong.
 */
export async function expectAnsweredAsJudged(api: ApiClient, res: ApiResponse, verdict: Verdict): Promise<void> {
  expect(res.status, res.text).toBeLessThan(500);
  if (verdict.accept) {
    expect(res.status, res.text).toBe(201);
    await expectStoredExactly(api, res, { name: verdict.name, message: verdict.message });
    return;
  }
  expect({ status: res.status, code: errorOf(res).code }, res.text).toEqual({
    status: verdict.status,
    code: verdict.code,
  });
  const { field } = errorOf(res);
  if (verdict.fields === null) expect(field, res.text).toBeUndefined();
  else expect(verdict.fields, res.text).toContain(field);
  expect(res.json).toEqual({
    error: { code: verdict.code, message: expect.any(String), ...(field === undefined ? {} : { field }) },
  });
}

/** The 201 answer, the entry by id and the entry in the list all carry exactly `sent`, code unit for code unit. */
export async function expectStoredExactly(
  api: ApiClient,
  res: ApiResponse,
  sent: { name: string; message: string },
): Promise<void> {
  const created = res.json as { id: string };
  const expected = { id: expect.any(String), name: sent.name, message: sent.message, createdAt: expect.any(String) };
  expect(created).toMatchObject(expected);
  expect(res.headers.get('location')).toBe(`/api/entries/${created.id}`);

  const byId = await api.get(`/api/entries/${created.id}`);
  expect(byId.status).toBe(200);
  expect(byId.json).toMatchObject({ ...expected, id: created.id });

  // Signs run one after another, so the newest entries are the ones just signed.
  const list = await api.get('/api/entries?limit=10');
  const listed = (list.json as { entries: Array<{ id: string }> }).entries.find((e) => e.id === created.id);
  expect(listed, `entry ${created.id} is in the first page of the list`).toMatchObject({ ...expected, id: created.id });
}

function errorOf(res: ApiResponse): { code?: string; field?: string } {
  return (res.json as { error?: { code?: string; field?: string } } | undefined)?.error ?? {};
}
