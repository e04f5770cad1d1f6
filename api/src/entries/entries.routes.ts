import { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { errorBody } from '../errors.js';
import { jsonBody } from '../http/json-body.js';
import { validate } from '../http/validate.js';
import { entryIdParams, listQuerySchema, newEntrySchema } from './entries.schema.js';
import type { EntriesService } from './entries.service.js';

export function entriesRoutes(service: EntriesService, signsPerMinute: number): Router {
  const router = Router();
  const signLimit = rateLimit({
    windowMs: 60_000,
    limit: signsPerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, res) => {
      res.status(429).json(errorBody('rate_limited', 'Too many entries from this address; try again in a minute'));
    },
  });

  router.get('/', async (req, res) => {
    const { limit, cursor } = validate(listQuerySchema, req.query, 'invalid_query');
    res.json(await service.list(limit, cursor));
  });

  router.get('/:id', async (req, res) => {
    const { id } = validate(entryIdParams, req.params, 'invalid_id');
    res.json(await service.get(id));
  });

  router.post('/', signLimit, ...jsonBody(), async (req, res) => {
    const entry = await service.sign(validate(newEntrySchema, req.body));
    res.status(201).location(`${req.baseUrl}/${entry.id}`).json(entry);
  });

  return router;
}
