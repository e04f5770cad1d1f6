import { dockerfileStages } from './dockerfile-check.js';

/** One nginx directive: `name args...;` or `name args... { block }`. */
export interface NginxDirective {
  name: string;
  args: string[];
  block?: NginxDirective[];
}

/**
 * What the nginx image's entrypoint does to /etc/nginx/templates/*.template: envsubst restricted to the variables
 * that are defined, so nginx's own $uri, $host, ... stay as they are.
 */
export function renderTemplate(text: string, env: Record<string, string>): string {
  return text.replace(
    /\$\{(\w+)\}|\$(\w+)/g,
    (whole, braced?: string, bare?: string) => env[braced ?? bare ?? ''] ?? whole,
  );
}

/** Splits nginx configuration text into words and the punctuation `{`, `}` and `;`, as nginx's own reader does. */
function tokens(text: string, where: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) i++;
    else if (ch === '#') i = text.includes('\n', i) ? text.indexOf('\n', i) : text.length;
    else if ('{};'.includes(ch)) out.push(text[i++]!);
    else if (ch === '"' || ch === "'") {
      let word = '';
      for (i++; i < text.length && text[i] !== ch; i++) word += text[i] === '\\' ? (text[++i] ?? '') : text[i];
      if (i >= text.length) throw new Error(`${where}: unterminated ${ch} string`);
      out.push(word);
      i++;
    } else {
      let word = '';
      while (i < text.length && !/[\s;{}]/.test(text[i]!)) {
        // ${name} is a variable inside a word, not a block.
        if (text.startsWith('${', i)) {
          const end = text.indexOf('}', i);
          if (end < 0) throw new Error(`${where}: unclosed \${`);
          word += text.slice(i, end + 1);
          i = end + 1;
        } else {
          word += text[i++];
        }
      }
      out.push(word);
    }
  }
  return out;
}

/** Parses nginx configuration; throws on what nginx would refuse to read (an unclosed block, a missing `;`). */
export function parseNginx(text: string, where: string): NginxDirective[] {
  const all = tokens(text, where);
  let at = 0;
  const block = (nested: boolean): NginxDirective[] => {
    const directives: NginxDirective[] = [];
    let words: string[] = [];
    while (at < all.length) {
      const token = all[at++]!;
      if (token === ';' || token === '{') {
        const [name, ...args] = words;
        if (!name) throw new Error(`${where}: "${token}" without a directive`);
        directives.push(token === ';' ? { name, args } : { name, args, block: block(true) });
        words = [];
      } else if (token === '}') {
        if (!nested || words.length > 0)
          throw new Error(
            `${where}: unexpected "}"${words.length > 0 ? ` after "${words.join(' ')}" (missing ;)` : ''}`,
          );
        return directives;
      } else {
        words.push(token);
      }
    }
    if (nested || words.length > 0) throw new Error(`${where}: unexpected end of file (missing } or ;)`);
    return directives;
  };
  return block(false);
}

/** Files the Dockerfile's last stage copies from the build context, by their path in the image. */
export function copiedIntoImage(dockerfile: string): Map<string, string> {
  const copies = new Map<string, string>();
  for (const instruction of dockerfileStages(dockerfile).at(-1)?.instructions ?? []) {
    if (instruction.getKeyword() !== 'COPY' || /--from=/.test(instruction.getArgumentsContent() ?? '')) continue;
    const args = instruction.getArguments().map((a) => a.getValue());
    const destination = args.at(-1) ?? '';
    for (const source of args.slice(0, -1))
      copies.set(destination.endsWith('/') ? `${destination}${source.split('/').at(-1)}` : destination, source);
  }
  return copies;
}

/** Replaces each `include path;` by the directives of the file the image has there; an unknown path is an error. */
export function resolveIncludes(
  directives: NginxDirective[],
  read: (pathInImage: string) => string | undefined,
): NginxDirective[] {
  return directives.flatMap((d): NginxDirective[] => {
    if (d.name === 'include') {
      const path = d.args[0] ?? '';
      const text = read(path);
      if (text === undefined) throw new Error(`include ${path}: the image has no such file`);
      return resolveIncludes(parseNginx(text, path), read);
    }
    return [d.block ? { ...d, block: resolveIncludes(d.block, read) } : d];
  });
}
