import { isRecord } from './repo-files.js';

export interface Interpolated {
  value: unknown;
  /** Variables a `${VAR:?message}` or `${VAR?message}` required and did not get: Compose refuses to start then. */
  missing: string[];
}

/**
 * Compose's interpolation of every string value in a parsed document: `$$`, `$VAR`, `${VAR}`, and `${VAR<op>word}` with
 * op one of `:-` `-` (default), `:?` `?` (required), `:+` `+` (alternative); the colon forms treat an empty value as
 * unset, and `word` is interpolated in turn. Anything else after a `$` is an error, as it is for `docker compose`.
 */
export function interpolateCompose(document: unknown, env: Record<string, string>): Interpolated {
  const missing: string[] = [];
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return substitute(value, env, missing);
    if (Array.isArray(value)) return value.map(walk);
    if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    return value;
  };
  return { value: walk(document), missing: [...new Set(missing)] };
}

const NAME = /^[A-Za-z_]\w*/;

function substitute(text: string, env: Record<string, string>, missing: string[]): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '$') {
      out += text[i];
      continue;
    }
    const rest = text.slice(i + 1);
    const bare = NAME.exec(rest)?.[0];
    if (rest.startsWith('$')) {
      out += '$';
      i += 1;
    } else if (bare) {
      out += env[bare] ?? '';
      i += bare.length;
    } else if (rest.startsWith('{')) {
      const end = closingBrace(text, i + 1);
      out += expand(text.slice(i + 2, end), env, missing);
      i = end;
    } else {
      throw new Error(`Invalid interpolation in "${text}": a lone $ (write $$ for a literal one)`);
    }
  }
  return out;
}

function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let j = open; j < text.length; j++) {
    if (text[j] === '{') depth++;
    else if (text[j] === '}' && --depth === 0) return j;
  }
  throw new Error(`Invalid interpolation in "${text}": unclosed \${`);
}

function expand(body: string, env: Record<string, string>, missing: string[]): string {
  const match = /^([A-Za-z_]\w*)(?:(:?)([-?+])([\s\S]*))?$/.exec(body);
  if (!match) throw new Error(`Invalid interpolation: \${${body}}`);
  const [, name = '', colon, op, word = ''] = match;
  const value = env[name];
  const present = colon ? Boolean(value) : value !== undefined;
  switch (op) {
    case '-':
      return present ? (value ?? '') : substitute(word, env, missing);
    case '+':
      return present ? substitute(word, env, missing) : '';
    case '?':
      if (!present) missing.push(name);
      return value ?? '';
    default:
      return value ?? '';
  }
}
