/** What the address asks for: the guestbook, or one entry at /entries/<id>. */
export type Route = { page: 'guestbook' } | { page: 'entry'; id: string };

const ENTRY_PATH = /^\/entries\/([0-9a-fA-F-]{36})\/?$/;

export function routeOf(pathname: string): Route {
  const match = ENTRY_PATH.exec(pathname);
  return match ? { page: 'entry', id: match[1]!.toLowerCase() } : { page: 'guestbook' };
}
