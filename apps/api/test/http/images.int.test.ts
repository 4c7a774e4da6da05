import { createHash } from 'node:crypto';
import { challenges, generations, images } from '@arena/db';
import { fakePng } from '@arena/fake-providers';
import { closeChallenge, createChallenge } from '@arena/services';
import { startS3Server, type TestS3Server } from '@arena/testing';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS, startVotableArena, type TestArena } from '../support/arena';
import { battleRow, newBattle } from '../support/battles';
import { TestClient, type TestResponse } from '../support/client';
import { challengeId } from '../support/db';
import { expectError } from '../support/errors';
import { attemptImageId } from '../support/results';

/** The headers every image answers with, whatever the image: nothing to tell two apart. */
const IMAGE_HEADERS = {
  'content-type': 'image/webp',
  'cache-control': 'private, max-age=86400, immutable',
  'x-content-type-options': 'nosniff',
  'cross-origin-resource-policy': 'same-origin',
};

const T2I = { arena: 'text-to-image' };

/** Mean absolute difference per channel between two images, at the first one's size. */
async function meanDifference(served: Buffer, stored: Buffer): Promise<number> {
  const a = await sharp(served).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const b = await sharp(stored)
    .resize(a.info.width, a.info.height, { fit: 'cover' })
    .removeAlpha()
    .raw()
    .toBuffer();
  let total = 0;
  for (let i = 0; i < a.data.length; i += 1) total += Math.abs(a.data[i]! - b[i]!);
  return total / a.data.length;
}

/** Header names of an image response, but for those that differ per response by nature. */
const headerNames = (headers: Headers) =>
  [...headers.keys()].filter((k) => k !== 'content-length' && k !== 'x-request-id').sort();

function expectImageHeaders(response: TestResponse) {
  expect(response.status).toBe(200);
  for (const [name, value] of Object.entries(IMAGE_HEADERS))
    expect(response.headers.get(name), name).toBe(value);
  for (const name of ['etag', 'last-modified', 'set-cookie'])
    expect(response.headers.get(name), name).toBeNull();
}

/** Each database driver with the image folder, and Postgres with an S3 bucket (s3rver). */
const SETUPS = [
  ...DRIVERS.map((driver) => ({ driver, storage: 'folder' })),
  { driver: 'postgres', storage: 's3' },
] as const;

/**
 * GET /api/battle-images/{token}, /api/source-images/{id} and /api/result-images/{id}, on each
 * setup: image bytes whose responses tell nothing about the model behind them.
 */
describe.each(SETUPS)('images on $driver, $storage store', ({ driver, storage }) => {
  let arena: TestArena;
  let s3: TestS3Server | undefined;
  const client = () => new TestClient(arena.app);
  const db = () => arena.runtime.ctx.db;

  /** The stored bytes of an image, by image id. */
  async function storedBytes(imageId: string): Promise<Buffer> {
    const [image] = await db().select().from(images).where(eq(images.id, imageId));
    return (await arena.runtime.ctx.store.get(image!.storageKey))!;
  }
  async function generationBytes(generationId: string): Promise<Buffer> {
    const [row] = await db().select().from(generations).where(eq(generations.id, generationId));
    return storedBytes(row!.imageId!);
  }

  beforeAll(async () => {
    if (storage === 's3') s3 = await startS3Server();
    arena = await startVotableArena(driver, s3?.env);
  });
  afterAll(async () => {
    await arena?.close();
    await s3?.close();
  });

  it("serves each side of a battle as this battle's own variant: one size, one length, no metadata", async () => {
    const voter = client();
    const lengths = new Map<string, Set<number>>();
    const seen = new Map<string, string>();
    for (let i = 0; i < 20; i++) {
      const battle = await newBattle(voter, T2I, { look: false });
      const row = await battleRow(db(), battle.id);
      const left = await voter.get(battle.left.imageUrl);
      const right = await voter.get(battle.right.imageUrl);
      expectImageHeaders(left);
      expectImageHeaders(right);
      expect(headerNames(left.headers)).toEqual(headerNames(right.headers));
      for (const name of headerNames(left.headers))
        expect(left.headers.get(name)).toEqual(right.headers.get(name));
      // Both sides, and every battle of the challenge, have one length.
      expect(left.body.length).toBe(right.body.length);
      const challenge = lengths.get(row.challengeId) ?? new Set<number>();
      challenge.add(left.body.length).add(right.body.length);
      lengths.set(row.challengeId, challenge);
      for (const [side, generationId] of [
        [left, row.leftGenerationId],
        [right, row.rightGenerationId],
      ] as const) {
        const body = side.body as Buffer;
        // Never the stored bytes, and never the same bytes twice.
        expect(body.equals(await generationBytes(generationId))).toBe(false);
        const hash = createHash('sha256').update(body).digest('hex');
        expect(seen.has(hash), `bytes of ${generationId} repeated`).toBe(false);
        seen.set(hash, generationId);
        const meta = await sharp(body).metadata();
        expect(meta).toMatchObject({ format: 'webp', width: 512, height: 512 });
        expect(meta.exif).toBeUndefined();
        expect(meta.xmp).toBeUndefined();
        expect(meta.icc).toBeUndefined();
        // The same picture as the stored answer, to the eye: re-encoding and the tint move a
        // channel by a few levels of 255 on average (another answer is tens of levels away).
        expect(await meanDifference(body, await generationBytes(generationId))).toBeLessThan(6);
      }
    }
    for (const set of lengths.values()) expect(set.size).toBe(1);
  });

  it('serves the source image of an editing battle', async () => {
    const voter = client();
    const battle = await newBattle(voter, { arena: 'image-editing' });
    expect(battle.challenge.sourceImageUrl).toMatch(/^\/api\/source-images\//);
    const source = await voter.get(battle.challenge.sourceImageUrl!);
    expectImageHeaders(source);
    const [nightSky] = await db().select().from(challenges).where(eq(challenges.slug, 'night-sky'));
    expect(battle.challenge.sourceImageUrl).toBe(`/api/source-images/${nightSky!.sourceImageId}`);
    expect(source.body.equals(await storedBytes(nightSky!.sourceImageId!))).toBe(true);
  });

  it('serves an attempt as a result image only once its challenge is closed', async () => {
    const imageId = await attemptImageId(arena, 'gamma-gen', 'rainy-street', 3);
    const voter = client();
    const battle = await newBattle(voter, { arena: 'text-to-image', category: 'photorealism' });
    const token = battle.left.imageUrl.split('/').pop()!;
    const notYet = await client().get(`/api/result-images/${imageId}`);
    expectError(notYet, 404, 'image_not_found');

    const ctx = arena.runtime.ctx;
    await closeChallenge(ctx, {
      challengeId: await challengeId(arena, 'rainy-street'),
      operatorId: null,
    });
    const published = await client().get(`/api/result-images/${imageId}`);
    expectImageHeaders(published);
    expect(published.body.equals(await storedBytes(imageId))).toBe(true);
    // Each kind of image answers on its own route only; a battle token is no image id.
    expectError(await client().get(`/api/battle-images/${imageId}`), 404, 'image_not_found');
    expectError(await client().get(`/api/source-images/${imageId}`), 404, 'image_not_found');
    expectError(await client().get(`/api/result-images/${token}`), 404, 'image_not_found');
    // A battle's images are its voter's: anyone else gets the 404 of an unknown token.
    expectError(await client().get(battle.left.imageUrl), 404, 'image_not_found');
    expect((await voter.get(battle.left.imageUrl)).status).toBe(200);
  });

  it('answers unknown, malformed and lost images alike: 404, the same body', async () => {
    const ids = [
      'AAAAAAAAAAAAAAAAAAAAAA', // well-formed, unknown
      'short',
      'x'.repeat(65),
      'not!a-token-0123456789',
      `%00${'a'.repeat(20)}`,
      '..%2F..%2F..%2Fetc%2Fpasswd',
    ];
    const bodies = new Set<string>();
    for (const route of ['battle-images', 'source-images', 'result-images']) {
      for (const id of ids) {
        const response = await client().get(`/api/${route}/${id}`);
        expectError(response, 404, 'image_not_found', `${route}/${id}`);
        bodies.add(JSON.stringify({ ...response.body, requestId: undefined }));
      }
    }
    expect(bodies.size).toBe(1);

    // An image whose file the store has lost answers the same, not 500.
    const { id } = await createChallenge(arena.runtime.ctx, {
      operatorId: null,
      challenge: {
        slug: 'lost-file',
        title: 'Lost file',
        arena: 'image-editing',
        category: 'scene-transformation',
        prompt: 'Make it autumn.',
        sourceImageBase64: (await fakePng(7)).toString('base64'),
      },
    });
    const [draft] = await db().select().from(challenges).where(eq(challenges.id, id));
    const path = `/api/source-images/${draft!.sourceImageId}`;
    expect((await client().get(path)).status).toBe(200);
    const [image] = await db().select().from(images).where(eq(images.id, draft!.sourceImageId!));
    await arena.runtime.ctx.store.delete(image!.storageKey);
    const lost = await client().get(path);
    expectError(lost, 404, 'image_not_found');
    expect(JSON.stringify({ ...lost.body, requestId: undefined })).toBe([...bodies][0]);
  });
});
