import { Router } from 'express';
import { badRequest } from '../errors.js';
import { allowOnly } from '../http/allow-only.js';
import { isDrawableInitials, renderAvatarSvg } from './author-avatar.js';

/** GET /api/avatars/<initials>.svg — the avatar an entry's `avatarUrl` points at. */
export function authorAvatarRoutes(): Router {
  const router = Router();
  router
    .route('/:initials.svg')
    .get((req, res) => {
      const { initials } = req.params;
      if (!isDrawableInitials(initials)) {
        const sentence = 'The initials must be one or two characters of well-formed text.';
        throw badRequest('invalid_initials', sentence, 'initials');
      }
      // The picture depends on the URL alone: it can be cached for as long as a browser likes.
      res
        .type('image/svg+xml')
        .set('Cache-Control', 'public, max-age=31536000, immutable')
        .send(renderAvatarSvg(initials));
    })
    .all(allowOnly('GET'));
  return router;
}
