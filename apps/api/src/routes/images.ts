import { notFound } from '@arena/core';
import {
  readBattleImage,
  readResultImage,
  readSourceImage,
  type ImageBytes,
} from '@arena/services';
import type { Context } from 'hono';
import type { AppDeps, AppEnv, Handlers } from '../env';
import { setFixedHeaders } from '../middleware/fixed-headers';
import { voterFromCookie } from '../middleware/voter';

const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

/** A malformed token is looked up nowhere and answers like an unknown one. */
function checkToken(token: string): string {
  if (!TOKEN.test(token)) throw notFound('image_not_found', 'no such image');
  return token;
}

const IMAGE_HEADERS = [['Cache-Control', 'private, max-age=86400, immutable']] as const;

/**
 * Image bytes with the same headers whatever the model: no ETag, no Last-Modified, one content
 * type, `X-Content-Type-Options: nosniff` (from the security headers, on every response), so
 * nothing in the response distinguishes one side from the other. The bytes go out as they are
 * (a battle's variant is the cached buffer itself): nothing may write to them.
 */
function sendImage(c: Context<AppEnv>, image: ImageBytes) {
  setFixedHeaders(c, IMAGE_HEADERS);
  return c.body(image.bytes as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': image.contentType,
  });
}

export function imageHandlers({
  ctx,
  sessionSecret,
}: AppDeps): Handlers<'battleImage' | 'sourceImage' | 'resultImage'> {
  return {
    // For the battle's own voter only, known by the cookie; a fetch never creates a voter.
    battleImage: async (c) =>
      sendImage(
        c,
        await readBattleImage(ctx, {
          token: checkToken(c.req.valid('param').token),
          voterId: voterFromCookie(c, sessionSecret),
        }),
      ),
    sourceImage: async (c) =>
      sendImage(c, await readSourceImage(ctx, { imageId: checkToken(c.req.valid('param').id) })),
    // Attempts of closed challenges only: results and galleries are public once a challenge closes.
    resultImage: async (c) =>
      sendImage(c, await readResultImage(ctx, { imageId: checkToken(c.req.valid('param').id) })),
  };
}
