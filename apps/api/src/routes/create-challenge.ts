import type { CreateChallengeForm } from '@arena/contract';
import { createChallenge, type ServiceContext } from '@arena/services';
import type { Handlers } from '../env';
import {
  isMultipart,
  SOURCE_IMAGE_MAX_BYTES,
  sourceImageTooLarge,
} from '../middleware/source-image-upload';

type CreateChallenge = Handlers<'createChallenge'>['createChallenge'];
type AppContext = Parameters<CreateChallenge>[0];

/**
 * `POST /api/admin/challenges`, JSON or multipart: with multipart the source image is the
 * file `sourceImage`, read into memory (the route's body limit bounds it) and handed to the
 * service, which checks and stores it. An empty file part (a form whose file input was left
 * empty) counts as no file.
 */
export async function createChallengeFromRequest(c: AppContext, ctx: ServiceContext) {
  const operatorId = c.get('operatorId');
  if (!isMultipart(c.req.header('content-type'))) {
    return c.json(await createChallenge(ctx, { operatorId, challenge: c.req.valid('json') }), 201);
  }
  // The validator checked the form against createChallengeForm; its type merges both bodies.
  const { sourceImage: file, ...challenge } = c.req.valid('form') as CreateChallengeForm;
  if (file && file.size > SOURCE_IMAGE_MAX_BYTES) return sourceImageTooLarge(c);
  const sourceImage =
    file && file.size > 0
      ? { bytes: new Uint8Array(await file.arrayBuffer()), field: 'sourceImage' }
      : undefined;
  return c.json(await createChallenge(ctx, { operatorId, challenge, sourceImage }), 201);
}
