/** What tells one failure apart from another: the check, the answer's status and error code, and what the API logged. */
export interface FailureSignature {
  /** The request the check makes: "GET /api/entries", "GET /api/entries/:id", "GET /api/avatars/:initials.svg". */
  check: string;
  /** The status it answered; 200 when the answer came but its content was wrong. */
  status: number;
  /** The error body's `code`, or for a wrong 200 what was wrong ("name differs", "never listed"). */
  code: string;
  /** The class of the error the API logged while answering ("URIError"), or "none". */
  errorClass: string;
}

/** One line per signature, for maps and for people: `GET /api/entries → 500 internal (URIError)`. */
export function signatureKey(signature: FailureSignature): string {
  return `${signature.check} → ${signature.status} ${signature.code} (${signature.errorClass})`;
}

/** A file name for the signature's fixture: `get-api-entries-500-internal-urierror.jsonl`. */
export function signatureSlug(signature: FailureSignature): string {
  return [signature.check, String(signature.status), signature.code, signature.errorClass]
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

const BY_ID = /^GET \/api\/entries\/[0-9a-f-]{36}\b/;
const LIST = /^GET \/api\/entries(\?|\s|:|$)|never listed by GET \/api\/entries/;
const CONTENT = /\b(id|name|message|createdAt) (differs|is missing|is not a string)/;

function checkOf(problem: string): string {
  if (BY_ID.test(problem)) return 'GET /api/entries/:id';
  if (LIST.test(problem)) return 'GET /api/entries';
  if (problem.startsWith('its avatar ')) return 'GET /api/avatars/:initials.svg';
  return 'other';
}

function codeOf(problem: string, status: number): string {
  if (status !== 200) return /"code":"([^"]+)"/.exec(problem)?.[1] ?? 'no error code';
  if (problem.includes('never listed')) return 'never listed';
  const content = CONTENT.exec(problem);
  if (content) return `${content[1]} ${content[2]}`;
  if (problem.includes('not valid UTF-8')) return 'body not UTF-8';
  if (problem.includes('not valid JSON')) return 'body not JSON';
  return 'wrong answer';
}

/** The path a problem line's request went to ("/api/entries/…"), without the query; '' when it names none. */
export function requestPath(problem: string): string {
  return /^(?:GET |its avatar )(\/[^\s?:]*)/.exec(problem)?.[1] ?? '';
}

/** Whether the problem is a 5xx answer: the API logs an error for each. */
export const isServerError = (problem: string): boolean => /answered 5\d\d\b/.test(problem);

/**
 * The signature of a problem line the API suite wrote (ci/suites/api): "GET /api/entries?limit=1 answered 500:
 * {"error":{"code":"internal",…}} — the list breaks at this entry". The error class comes from the API's log, not
 * from the line; `errorClassAt` looks it up by the request's path.
 */
export function signatureOf(problem: string, errorClassAt: (path: string) => string = () => 'none'): FailureSignature {
  const check = checkOf(problem);
  const answered = /answered (\d{3})\b/.exec(problem);
  const status = answered ? Number(answered[1]) : 200;
  const path = requestPath(problem);
  return { check, status, code: codeOf(problem, status), errorClass: status >= 500 ? errorClassAt(path) : 'none' };
}
