import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';
import { errorBody } from '../errors.js';

/** Serves the built page on the API's origin, so the page needs no CORS and falls under the API's CSP. */
export function webPage(distDir: string): Router {
  const router = Router();
  if (existsSync(join(distDir, 'index.html'))) {
    // Hashed asset names never change content, so they may be cached for good; index.html is always revalidated.
    router.use('/assets', express.static(join(distDir, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }));
    router.use(express.static(distDir, { index: 'index.html', maxAge: 0 }));
    // An entry's own address is a page of the app: the page reads the id from the path.
    router.get('/entries/:id', (_req, res) => res.sendFile(join(distDir, 'index.html'), { maxAge: 0 }));
  } else {
    router.get('/', (_req, res) => {
      res.status(503).json(errorBody('page_not_built', 'The page is not built yet: run `npm run build -w web`.'));
    });
  }
  return router;
}
