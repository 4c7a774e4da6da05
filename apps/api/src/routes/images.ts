import { notFound } from '@arena/core';
import {
  readBattleImage,
  readResultImage,
  readSourceImage,
  type ImageBytes,
} from '@arena/services';
import type { Context } from 'hono';
import type { AppDeps, AppEnv } from '../env';
import { createRouter } from './router';

const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * Image bytes with the same headers whatever the model: no ETag, no Last-Modified, one content
 * type, so nothing in the response distinguishes one side from the other.
 */
function sendImage(c: Context<AppEnv>, image: ImageBytes) {
  return c.body(new Uint8Array(image.bytes), 200, {
    'Content-Type': image.contentType,
    'Cache-Control': 'private, max-age=86400, immutable',
    'X-Content-Type-Options': 'nosniff',
  });
}

export function imageRoutes({ ctx }: AppDeps) {
  const router = createRouter();
  router.get('/battle-images/:token', async (c) => {
    const token = c.req.param('token');
    if (!TOKEN.test(token)) throw notFound('image_not_found', 'no such image');
    return sendImage(c, await readBattleImage(ctx, { token }));
  });
  router.get('/source-images/:id', async (c) => {
    const id = c.req.param('id');
    if (!TOKEN.test(id)) throw notFound('image_not_found', 'no such image');
    return sendImage(c, await readSourceImage(ctx, { imageId: id }));
  });
  // Attempts of closed challenges only: results and galleries are public once a challenge closes.
  router.get('/result-images/:id', async (c) => {
    const id = c.req.param('id');
    if (!TOKEN.test(id)) throw notFound('image_not_found', 'no such image');
    return sendImage(c, await readResultImage(ctx, { imageId: id }));
  });
  return router;
}
