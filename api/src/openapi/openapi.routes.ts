import { Router } from 'express';
import { allowOnly } from '../http/allow-only.js';
import { OPENAPI_PATH, createOpenApiDocument } from './document.js';

/** Serves the document, built once: it depends on the code alone. */
export function openApiRoutes(): Router {
  const document = createOpenApiDocument();
  const router = Router();
  router
    .route(OPENAPI_PATH)
    .get((_req, res) => {
      res.json(document);
    })
    .all(allowOnly('GET'));
  return router;
}
