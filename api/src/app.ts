import compression from 'compression';
import express, { type Express } from 'express';
import { authorAvatarRoutes } from './entries/author-avatar.routes.js';
import { CursorCodec } from './entries/cursor.js';
import { EntriesRepository } from './entries/entries.repository.js';
import { entriesRoutes } from './entries/entries.routes.js';
import { EntriesService } from './entries/entries.service.js';
import { isReady, type CassandraClient } from './cassandra.js';
import { errorHandler, notFoundHandler } from './http/error-handler.js';
import { healthRoutes } from './http/health.routes.js';
import { requestLog } from './http/request-log.js';
import { securityHeaders } from './http/security-headers.js';
import { webPage } from './http/web-page.js';
import { openApiRoutes } from './openapi/openapi.routes.js';
import type { Logger } from './logger.js';

export interface AppDeps {
  client: CassandraClient;
  logger: Logger;
  cursorSecret: Buffer;
  rateLimitSignPerMinute: number;
  /** Proxies whose X-Forwarded-For names the client (the rate limit is per client address); none by default. */
  trustProxy?: number | string[] | false;
  webDistDir?: string;
}

/**
 * The page is one origin's own script, stylesheet and fetches, so everything else is refused: no inline script or
 * style (injected markup cannot run), no plugins, no framing, no <base> rewriting; data: images only for icons the
 * build inlines. Plain-HTTP deployments (a laptop, a LAN address) must keep working, so nothing is upgraded to HTTPS.
 */
const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  baseUri: ["'none'"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  imgSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'"],
};

/**
 * JSON bodies below this go uncompressed. A first page of short entries (~5 KB) arrives in the first round trip either
 * way (TCP's initial window is ten segments, ~14 KB), and brotli on it (what compression() picks for a browser) was
 * 7 % of the list's CPU under load (docs/performance.md). Lists of long messages still shrink; the page's files come
 * compressed from the build.
 */
const COMPRESSION_THRESHOLD_BYTES = 8 * 1024;

/** Builds the Express app; never listens (tests drive it through supertest, main.ts serves it). */
export function createApp(deps: AppDeps): Express {
  const service = new EntriesService(new EntriesRepository(deps.client), new CursorCodec(deps.cursorSecret));
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', deps.trustProxy ?? false);
  // Answers from Cassandra change with every signature and carry no Cache-Control: a weak ETag would hash every body
  // (sha1) for a 304 that still runs the queries. The page's files keep theirs (express-static-gzip sets its own).
  app.set('etag', false);
  app.use(
    securityHeaders({
      contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
      xFrameOptions: { action: 'deny' },
    }),
  );
  // Probes come often and need nothing below: answered before compression and the request log.
  app.use(healthRoutes(() => isReady(deps.client)));
  app.use(compression({ threshold: COMPRESSION_THRESHOLD_BYTES }));
  app.use(requestLog(deps.logger));
  app.use(openApiRoutes());
  app.use('/api/entries', entriesRoutes(service, deps.rateLimitSignPerMinute));
  app.use('/api/avatars', authorAvatarRoutes());
  app.use('/api', notFoundHandler);
  if (deps.webDistDir) app.use(webPage(deps.webDistDir));
  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}
