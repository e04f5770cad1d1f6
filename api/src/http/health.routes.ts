import { Router } from 'express';
import { HEALTH_PATHS } from '../contract.js';
import { errorBody } from '../errors.js';
import { allowOnly } from './allow-only.js';

export function healthRoutes(isReady: () => Promise<boolean>): Router {
  const router = Router();
  router
    .route(HEALTH_PATHS.liveness)
    .get((_req, res) => {
      res.json({ status: 'ok' });
    })
    .all(allowOnly('GET'));
  router
    .route(HEALTH_PATHS.readiness)
    .get(async (_req, res) => {
      if (await isReady()) res.json({ status: 'ready' });
      else res.status(503).set('Retry-After', '5').json(errorBody('unavailable', 'Cassandra is not answering.'));
    })
    .all(allowOnly('GET'));
  return router;
}
