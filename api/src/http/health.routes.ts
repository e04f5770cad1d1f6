import { Router } from 'express';
import { errorBody } from '../errors.js';
import { allowOnly } from './allow-only.js';

/** Liveness says the process runs; readiness says it can serve, i.e. Cassandra answers. */
export function healthRoutes(isReady: () => Promise<boolean>): Router {
  const router = Router();
  router
    .route('/healthz')
    .get((_req, res) => {
      res.json({ status: 'ok' });
    })
    .all(allowOnly('GET'));
  router
    .route('/readyz')
    .get(async (_req, res) => {
      if (await isReady()) res.json({ status: 'ready' });
      else res.status(503).set('Retry-After', '5').json(errorBody('unavailable', 'Cassandra is not answering.'));
    })
    .all(allowOnly('GET'));
  return router;
}
