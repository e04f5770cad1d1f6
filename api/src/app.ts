import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { authorAvatarRoutes } from './entries/author-avatar.routes.js';
import { CursorCodec } from './entries/cursor.js';
import { EntriesRepository } from './entries/entries.repository.js';
import { entriesRoutes } from './entries/entries.routes.js';
import { EntriesService } from './entries/entries.service.js';
import { isReady, type CassandraClient } from './cassandra.js';
import { errorHandler, notFoundHandler } from './http/error-handler.js';
import { healthRoutes } from './http/health.routes.js';
import { webPage } from './http/web-page.js';
import type { Logger } from './logger.js';

export interface AppDeps {
  client: CassandraClient;
  logger: Logger;
  cursorSecret: Buffer;
  rateLimitSignPerMinute: number;
  webDistDir?: string;
}

/** Builds the Express app; never listens (tests drive it through supertest, main.ts serves it). */
export function createApp(deps: AppDeps): Express {
  const service = new EntriesService(new EntriesRepository(deps.client), new CursorCodec(deps.cursorSecret));
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // helmet's default CSP allows scripts from 'self' only: no inline script, so injected markup cannot run. Plain-HTTP
  // deployments (a laptop, a LAN address) must keep working, so requests are not upgraded to HTTPS.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  app.use(pinoHttp({ logger: deps.logger, autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' } }));
  app.use(healthRoutes(() => isReady(deps.client)));
  app.use('/api/entries', entriesRoutes(service, deps.rateLimitSignPerMinute));
  app.use('/api/avatars', authorAvatarRoutes());
  app.use('/api', notFoundHandler);
  if (deps.webDistDir) app.use(webPage(deps.webDistDir));
  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}
