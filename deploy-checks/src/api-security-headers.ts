import type { AddressInfo } from 'node:net';
import { API } from './deploy-contract.js';
import { offlineApiApp } from './offline-api-app.js';

/** Headers that describe one answer (its body, its caching, its connection) rather than the page's security policy. */
const PER_ANSWER = new Set([
  'cache-control',
  'connection',
  'content-encoding',
  'content-length',
  'content-type',
  'date',
  'etag',
  'keep-alive',
  'last-modified',
  'transfer-encoding',
  'vary',
]);

/**
 * The security headers the API sends (helmet as api/src/app.ts configures it: CSP, X-Frame-Options, ...), read from a
 * real answer of the API's own app over HTTP, so a policy changed there is a policy the web image must follow.
 */
export async function apiSecurityHeaders(): Promise<Record<string, string>> {
  const app = offlineApiApp();
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  try {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}${API.healthPath}`);
    if (response.status !== 200) throw new Error(`The API answered ${API.healthPath} with ${response.status}`);
    return Object.fromEntries([...response.headers].filter(([name]) => !PER_ANSWER.has(name)));
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}
