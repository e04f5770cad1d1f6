import { setTimeout as sleep } from 'node:timers/promises';

/** One request as a visitor saw it: when it started, how long it took, what came back. */
export interface Outcome {
  kind: 'sign' | 'list' | 'read';
  /** performance.now() when the request was sent. */
  started: number;
  ms: number;
  /** The HTTP status, or what went wrong before one arrived. */
  status: number | 'timeout' | 'network-error';
  retryAfter: string | null;
  errorCode?: string;
  /** For a read: whether the entry came back exactly as signed. */
  exact?: boolean;
  /** For a read: the entry asked for. */
  id?: string;
}

export interface SignedEntry {
  id: string;
  name: string;
  message: string;
}

export interface TrafficOptions {
  signers: number;
  readers: number;
  /** A request unanswered after this long counts as hanging. */
  timeoutMs?: number;
  /** Pause between one visitor's requests (0: back to back). */
  pauseMs?: number;
}

export interface Traffic {
  outcomes: Outcome[];
  /** Every entry the API acknowledged with 201. */
  acked: SignedEntry[];
  /** Requests sent and not yet answered. */
  inFlight(): number;
  stop(): Promise<void>;
}

// Text that exercises more than ASCII on every request: accents, an astral emoji, CJK, a newline in the message.
const NAMES = ['Zoë', 'Ünal', '李雷', 'Åsa 🦄', 'O\u2019Brien'];
const MESSAGES = ['Grüße aus Köln!', 'こんにちは\n世界', 'Merci 🙏🏽 pour tout', "x'); DROP TABLE entries; --"];

/**
 * Visitors hammering a running API: `signers` sign in a loop, `readers` read the first page or an entry just signed.
 * Runs until stop(); every request is recorded, so callers can ask what was answered when, and how fast.
 */
export function startTraffic(url: string, options: TrafficOptions): Traffic {
  const outcomes: Outcome[] = [];
  const acked: SignedEntry[] = [];
  const timeoutMs = options.timeoutMs ?? 10_000;
  let running = true;
  let inFlight = 0;

  const call = async (
    kind: Outcome['kind'],
    path: string,
    init: RequestInit = {},
  ): Promise<{ outcome: Outcome; body: unknown }> => {
    const started = performance.now();
    const outcome: Outcome = { kind, started, ms: 0, status: 'network-error', retryAfter: null };
    let body: unknown;
    inFlight++;
    try {
      const res = await fetch(`${url}${path}`, { ...init, signal: AbortSignal.timeout(timeoutMs) });
      outcome.status = res.status;
      outcome.retryAfter = res.headers.get('retry-after');
      body = res.headers.get('content-type')?.startsWith('application/json') ? await res.json() : await res.text();
      outcome.errorCode = (body as { error?: { code?: string } } | undefined)?.error?.code;
    } catch (error) {
      outcome.status = (error as Error).name === 'TimeoutError' ? 'timeout' : 'network-error';
    } finally {
      inFlight--;
    }
    outcome.ms = performance.now() - started;
    outcomes.push(outcome);
    return { outcome, body };
  };

  const signer = async (visitor: number) => {
    for (let i = 0; running; i++) {
      const entry = {
        name: `${NAMES[i % NAMES.length]} ${visitor}.${i}`,
        message: `${MESSAGES[i % MESSAGES.length]} #${visitor}.${i}`,
      };
      const { outcome, body } = await call('sign', '/api/entries', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(entry),
      });
      if (outcome.status === 201) acked.push({ id: (body as { id: string }).id, ...entry });
      if (options.pauseMs) await sleep(options.pauseMs);
    }
  };

  const reader = async (visitor: number) => {
    for (let i = 0; running; i++) {
      const recent = acked.at(-1 - ((visitor + i) % 10));
      if (i % 3 === 2 && recent) {
        const { outcome, body } = await call('read', `/api/entries/${recent.id}`);
        outcome.id = recent.id;
        if (outcome.status === 200) {
          const read = body as SignedEntry;
          outcome.exact = read.name === recent.name && read.message === recent.message;
        }
      } else {
        await call('list', '/api/entries?limit=20');
      }
      if (options.pauseMs) await sleep(options.pauseMs);
    }
  };

  const visitors = [
    ...Array.from({ length: options.signers }, (_, v) => signer(v)),
    ...Array.from({ length: options.readers }, (_, v) => reader(v)),
  ];
  return {
    outcomes,
    acked,
    inFlight: () => inFlight,
    stop: async () => {
      running = false;
      await Promise.all(visitors);
    },
  };
}

/** Which acknowledged entries can still be found: by id, exactly as signed, and anywhere in the list. */
export async function findAcknowledged(
  url: string,
  acked: SignedEntry[],
  concurrency = 16,
): Promise<{ byId: number; exact: number; inList: number; missing: SignedEntry[] }> {
  let byId = 0;
  let exact = 0;
  const missing: SignedEntry[] = [];
  const queue = [...acked];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let entry = queue.pop(); entry; entry = queue.pop()) {
        const res = await fetch(`${url}/api/entries/${entry.id}`);
        if (res.status !== 200) {
          missing.push(entry);
          continue;
        }
        byId++;
        const read = (await res.json()) as SignedEntry;
        if (read.name === entry.name && read.message === entry.message) exact++;
      }
    }),
  );
  const listed = new Set<string>();
  for (let cursor: string | null = ''; cursor !== null;) {
    const page = (await (
      await fetch(`${url}/api/entries?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
    ).json()) as { entries: Array<{ id: string }>; nextCursor: string | null };
    for (const e of page.entries) listed.add(e.id);
    cursor = page.nextCursor;
  }
  return { byId, exact, inList: acked.filter((e) => listed.has(e.id)).length, missing };
}

/** Nearest-rank percentile of a list of milliseconds. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
