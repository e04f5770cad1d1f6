import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

export interface ApiResponse {
  status: number;
  headers: Headers;
  /** The body decoded strictly: a response that is not valid UTF-8 fails the test instead of gaining U+FFFD. */
  text: string;
  json: unknown;
  ms: number;
}

export interface LiveServer {
  url: string;
  get(path: string): Promise<ApiResponse>;
  /** Posts a string (as UTF-8) or raw bytes exactly as given. */
  post(path: string, body: string | Uint8Array, headers?: Record<string, string>): Promise<ApiResponse>;
  close(): Promise<void>;
}

/** What a test needs to talk to an API; the server's lifetime is someone else's. */
export type ApiClient = Omit<LiveServer, 'close'>;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Any API (an app on a port of its own, or a running server's URL) spoken to over real HTTP with fetch. */
function apiClient(url: string, timeoutMs = 10_000): ApiClient {
  const call = async (path: string, init: RequestInit): Promise<ApiResponse> => {
    const began = performance.now();
    const res = await fetch(`${url}${path}`, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const text = strictUtf8.decode(await res.arrayBuffer());
    const ms = performance.now() - began;
    const json: unknown = res.headers.get('content-type')?.startsWith('application/json')
      ? JSON.parse(text)
      : undefined;
    return { status: res.status, headers: res.headers, text, json, ms };
  };
  return {
    url,
    get: (path) => call(path, { method: 'GET' }),
    post: (path, body, headers = {}) =>
      call(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }),
  };
}

/** Serves an Express app on a free loopback port, so tests send real bytes over a real socket. */
export async function listen(app: Express): Promise<LiveServer> {
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    ...apiClient(url),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
