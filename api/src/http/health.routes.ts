import { Router } from 'express';
import { HEALTH_PATHS } from '../contract.js';
import { errorBody } from '../errors.js';

export function healthRoutes(isReady: () => Promise<boolean>): Router {
  const router = Router();
  router.get(HEALTH_PATHS.liveness, (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get(HEALTH_PATHS.readiness, async (_req, res) => {
    if (await isReady()) res.json({ status: 'ready' });
    else res.status(503).set('Retry-After', '5').json(errorBody('unavailable', 'Cassandra is not answering'));
  });
  return router;
}
