import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../env';
import { errorBody } from '../errors';

/** The largest source image an operator may upload (the file itself). */
export const SOURCE_IMAGE_MAX_BYTES = 25 * 1024 * 1024;
/** Room for the other form fields and the multipart framing around the file. */
const FORM_OVERHEAD_BYTES = 256 * 1024;

const MULTIPART = /^multipart\/form-data\s*(;|$)/i;
const URLENCODED = /^application\/x-www-form-urlencoded\s*(;|$)/i;

export const isMultipart = (contentType: string | undefined) => MULTIPART.test(contentType ?? '');

/** A source image over the limit: 413, naming the field, before anything is parsed or stored. */
export const sourceImageTooLarge = (c: Parameters<MiddlewareHandler<AppEnv>>[0]) =>
  c.json(
    errorBody(
      c,
      'source_image_too_large',
      `sourceImage: the file is larger than ${SOURCE_IMAGE_MAX_BYTES / 1024 / 1024} MiB`,
      { field: 'sourceImage', maxBytes: SOURCE_IMAGE_MAX_BYTES },
    ),
    413,
  );

/**
 * For `POST /api/admin/challenges`, ahead of the general body limit: a multipart body (the
 * source image upload) has a limit of its own whose refusal names the field, and is refused
 * as it streams in, before it is parsed; a urlencoded form (what a cross-site HTML form can
 * send without a file) is refused with 415. JSON passes on to the general limit.
 */
export function sourceImageUpload(): MiddlewareHandler<AppEnv> {
  const limit = bodyLimit({
    maxSize: SOURCE_IMAGE_MAX_BYTES + FORM_OVERHEAD_BYTES,
    onError: sourceImageTooLarge,
  });
  return async (c, next) => {
    const type = c.req.header('content-type');
    if (URLENCODED.test(type ?? '')) {
      // Worded without "JSON": the error mapping would read that as a JSON parse error.
      throw new HTTPException(415, {
        message: 'Unsupported Media Type: upload as multipart/form-data',
      });
    }
    return isMultipart(type) ? limit(c, next) : next();
  };
}
