import { API, WEB } from './deploy-contract.js';
import { copiedIntoImage, parseNginx, renderTemplate, resolveIncludes, type NginxDirective } from './nginx-config.js';

export interface WebImageFiles {
  dockerfile: string;
  template: string;
  /** A repository file by its path in the repository; undefined when there is none. */
  read: (relative: string) => string | undefined;
}

interface AddedHeader {
  name: string;
  value: string;
  always: boolean;
}

const addedHeaders = (block: NginxDirective[]): AddedHeader[] =>
  block
    .filter((d) => d.name === 'add_header')
    .map(({ args: [name = '', value = '', flag] }) => ({ name: name.toLowerCase(), value, always: flag === 'always' }));

/** How one location's added headers differ from the security headers the API sends. */
function headerProblems(added: AddedHeader[], security: Record<string, string>, where: string): string[] {
  return Object.entries(security).flatMap(([name, expected]) => {
    const found = added.filter((h) => h.name === name);
    if (found.length === 0) return [`${where}: no ${name} (the API sends "${expected}")`];
    if (found.length > 1) return [`${where}: ${name} is added ${found.length} times`];
    if (found[0]!.value !== expected) return [`${where}: ${name} is "${found[0]!.value}", the API sends "${expected}"`];
    if (!found[0]!.always) return [`${where}: ${name} without "always": error answers would go out without it`];
    return [];
  });
}

/**
 * Checks the web image's nginx configuration, as the image renders it and with the files the image copies in: gzip
 * for the page's assets, and every security header the API sends, with the API's value, on each location that serves
 * the page. Proxied locations add none of them, since the API's answer already has them.
 */
export function checkWebNginx(files: WebImageFiles, apiHeaders: Record<string, string>): string[] {
  const where = 'web/nginx.conf.template';
  const copies = copiedIntoImage(files.dockerfile);
  let config: NginxDirective[];
  try {
    const rendered = renderTemplate(files.template, { [WEB.upstreamVariable]: `http://api:${API.port}` });
    config = resolveIncludes(parseNginx(rendered, where), (path) => {
      const source = copies.get(path);
      return source === undefined ? undefined : files.read(source);
    });
  } catch (error) {
    return [`${where}: ${(error as Error).message}`];
  }
  const server = config.find((d) => d.name === 'server')?.block ?? [];
  const problems: string[] = [];
  const args = (name: string) => server.find((d) => d.name === name)?.args ?? [];
  if (args('gzip')[0] !== 'on') problems.push(`${where}: gzip must be on (the page's script and stylesheet)`);
  const lacking = WEB.gzipTypes.filter((type) => !args('gzip_types').includes(type));
  if (lacking.length > 0) problems.push(`${where}: gzip_types lacks ${lacking.join(', ')}`);

  const locations = server.filter((d) => d.name === 'location' && d.block);
  if (locations.length === 0) problems.push(`${where}: no location blocks in a server block`);
  for (const { args: path, block = [] } of locations) {
    // An add_header in a location hides every add_header of the server around it.
    const own = addedHeaders(block);
    const added = own.length > 0 ? own : addedHeaders(server);
    const name = `${where} location ${path.join(' ')}`;
    if (block.some((d) => d.name === 'return')) continue;
    if (block.some((d) => d.name === 'proxy_pass')) {
      for (const header of added.filter((h) => h.name in apiHeaders))
        problems.push(`${name}: adds ${header.name}, which the API's answer already has (sent twice)`);
    } else {
      problems.push(...headerProblems(added, apiHeaders, name));
    }
  }
  return problems;
}
