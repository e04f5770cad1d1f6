import { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { errorBody } from '../errors.js';
import { allowOnly } from '../http/allow-only.js';
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
      res.status(429).json(errorBody('rate_limited', 'Too many entries from this address; try again in a minute.'));
    },
  });

  router
    .route('/')
    .get(async (req, res) => {
      const { limit, cursor } = validate(listQuerySchema, req.query, 'invalid_query');
      res.json(await service.list(limit, cursor));
    })
    .post(signLimit, ...jsonBody(), async (req, res) => {
      const entry = await service.sign(validate(newEntrySchema, req.body));
      res.status(201).location(`${req.baseUrl}/${entry.id}`).json(entry);
    })
    .all(allowOnly('GET', 'POST'));

  router
    .route('/:id')
    .get(async (req, res) => {
      const { id } = validate(entryIdParams, req.params, 'invalid_id');
      res.json(await service.get(id));
    })
    .all(allowOnly('GET'));

  return router;
}
