/** One answer of the API under test, read strictly: invalid UTF-8 or invalid JSON is a finding, not an exception. */
export interface Answer {
  url: string;
  status: number;
  contentType: string;
  text: string;
  json: unknown;
  /** Why the body could not be read as JSON, when it could not. */
  unreadable?: string;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const TIMEOUT_MS = 15_000;

export async function getAnswer(baseUrl: string, path: string): Promise<Answer> {
  const url = new URL(path, baseUrl).toString();
  const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const contentType = res.headers.get('content-type') ?? '';
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return {
      url,
      status: res.status,
      contentType,
      text: '',
      json: undefined,
      unreadable: 'the body is not valid UTF-8',
    };
  }
  if (!contentType.startsWith('application/json'))
    return { url, status: res.status, contentType, text, json: undefined };
  try {
    return { url, status: res.status, contentType, text, json: JSON.parse(text) };
  } catch (error) {
    return {
      url,
      status: res.status,
      contentType,
      text,
      json: undefined,
      unreadable: `the body is not valid JSON (${(error as Error).message})`,
    };
  }
}

/** Problems with an answer that should be a 200 JSON document; empty when it is one. */
export function answerProblems(answer: Answer): string[] {
  const problems: string[] = [];
  if (answer.status !== 200) problems.push(`answered ${answer.status}: ${answer.text.slice(0, 200)}`);
  else if (!answer.contentType.startsWith('application/json'))
    problems.push(`answered ${answer.contentType || 'no content type'} instead of JSON`);
  if (answer.unreadable) problems.push(answer.unreadable);
  return problems;
}

/** The path of a request as a report shows it: an opaque cursor cut short, since only its position matters to a reader. */
export function pathOf(url: string): string {
  const u = new URL(url);
  const cursor = u.searchParams.get('cursor');
  if (cursor && cursor.length > 12) u.searchParams.set('cursor', `${cursor.slice(0, 12)}…`);
  return decodeURIComponent(`${u.pathname}${u.search}`);
}
