// The benchmark's floor: the API's list and sign, same CQL and same JSON, behind a bare node:http handler in a process
// of its own. No framework, no middleware, no validation, no logging, no compression: what Node's HTTP and the driver
// cost on their own, so the API's ratio to it is what our stack adds. Run by api.bench.ts; reads its settings from env.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { connectAndMigrate } from '../../src/cassandra.js';
import { loadConfig } from '../../src/config.js';
import { authorInitials, withAuthor } from '../../src/entries/author.js';
import { CursorCodec } from '../../src/entries/cursor.js';
import { EntriesRepository } from '../../src/entries/entries.repository.js';

// The API's own configuration and client: same driver options, timeouts and per-call bound, so the two differ only in
// what happens between the socket and the repository.
const config = loadConfig(process.env);
const client = await connectAndMigrate(config.cassandra);
const repository = new EntriesRepository(client);
const cursors = new CursorCodec(config.cursorSecret);
// Initials are a pure function of the name: the floor looks them up, as cheaply as any cache could.
const initials = new Map<string, string>();
const initialsOf = (name: string) => initials.get(name) ?? initials.set(name, authorInitials(name)).get(name)!;

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const json = JSON.stringify(body);
  const length = Buffer.byteLength(json);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': length, ...headers });
  res.end(json);
}

async function list(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const query = new URLSearchParams(req.url!.slice(req.url!.indexOf('?') + 1));
  const cursor = query.get('cursor');
  const page = await repository.page(Number(query.get('limit') ?? 20), cursor ? cursors.decode(cursor) : undefined);
  const entries = page.entries.map((entry) => withAuthor(entry, initialsOf));
  send(res, 200, { entries, nextCursor: page.next ? cursors.encode(page.next) : null });
}

async function sign(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const { name, message } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { name: string; message: string };
  const entry = withAuthor(await repository.insert({ name, message }), initialsOf);
  send(res, 201, entry, { location: `/api/entries/${entry.id}` });
}

const server = createServer((req, res) => {
  const route = !req.url!.startsWith('/api/entries') ? null : req.method === 'POST' ? sign : list;
  if (!route) return send(res, 200, { status: 'ready' });
  route(req, res).catch(() => send(res, 500, { error: { code: 'internal', message: 'floor failed' } }));
});
server.listen(config.port, '127.0.0.1');
process.once('SIGTERM', () => {
  server.close();
  server.closeIdleConnections();
  void client.shutdown();
});
