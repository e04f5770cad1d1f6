import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Router } from 'express';
import expressStaticGzip from 'express-static-gzip';
import { errorBody } from '../errors.js';

/** The .br and .gz files the build writes beside each file, preferred in this order when the browser accepts them. */
const PRECOMPRESSED = { enableBrotli: true, orderPreference: ['br', 'gzip'] };

/**
 * Serves the built page on the API's origin, so the page needs no CORS and falls under the API's CSP. Files go out as
 * the build compressed them (brotli or zopfli gzip, at settings too slow to run per request); compression() leaves
 * an answer that is already encoded alone.
 */
export function webPage(distDir: string): Router {
  const router = Router();
  if (existsSync(join(distDir, 'index.html'))) {
    // Hashed asset names never change content, so they may be cached for good; index.html is always revalidated.
    const assets = { immutable: true, maxAge: '1y', fallthrough: false };
    router.use('/assets', expressStaticGzip(join(distDir, 'assets'), { ...PRECOMPRESSED, serveStatic: assets }));
    router.use(expressStaticGzip(distDir, { ...PRECOMPRESSED, index: 'index.html', serveStatic: { maxAge: 0 } }));
    // An entry's own address is a page of the app: the page reads the id from the path.
    router.get('/entries/:id', (_req, res) => res.sendFile(join(distDir, 'index.html'), { maxAge: 0 }));
  } else {
    router.get('/', (_req, res) => {
      res.status(503).json(errorBody('page_not_built', 'The page is not built yet: run `npm run build -w web`.'));
    });
  }
  return router;
}
