import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { images } from '@arena/db';
import { startS3Server, type TestS3Server } from '@arena/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVotableArena, type TestArena } from '../support/arena';
import { newBattle } from '../support/battles';
import { TestClient } from '../support/client';
import { expectError } from '../support/errors';

/**
 * The API over images in an S3 bucket (s3rver on loopback), with no cache in front of it so
 * that every render reads the bucket: images still go out at the API's own token URLs, and an
 * unreachable bucket is a 503 that passes, not a crash. images.int.test.ts runs the whole image
 * suite on the bucket too, with the cache.
 */
describe('images in an S3 bucket', () => {
  let s3: TestS3Server;
  let arena: TestArena;
  const client = () => new TestClient(arena.app);

  beforeAll(async () => {
    s3 = await startS3Server();
    arena = await startVotableArena('postgres', { ...s3.env, S3_CACHE_MB: '0' });
  });
  afterAll(async () => {
    await arena?.close();
    await s3?.close();
  });

  it('stores every image as an object of the bucket, none in the folder', async () => {
    const rows = await arena.runtime.ctx.db.select({ key: images.storageKey }).from(images);
    expect(rows.length).toBeGreaterThan(10);
    const written = new Set(
      s3.requests.filter((r) => r.method === 'PUT' && r.status === 200).map((r) => r.key),
    );
    for (const { key } of rows) expect(written.has(key), key).toBe(true);
    expect(existsSync(join(arena.dataDir, 'images'))).toBe(false);
  });

  it('serves battle images at its own token URLs, never pointing at the bucket', async () => {
    const voter = client();
    const battle = await newBattle(voter, { arena: 'text-to-image' }, { look: false });
    const listed = JSON.stringify(battle);
    const keys = await arena.runtime.ctx.db.select({ key: images.storageKey }).from(images);
    for (const hint of [
      s3.endpoint,
      `:${s3.port}`,
      s3.bucket,
      'amazonaws',
      ...keys.map((r) => r.key),
    ])
      expect(listed).not.toContain(hint);
    const before = s3.requests.length;
    for (const side of [battle.left, battle.right]) {
      expect(side.imageUrl).toMatch(/^\/api\/battle-images\/[A-Za-z0-9_-]+$/);
      const image = await voter.get(side.imageUrl);
      expect(image.status).toBe(200);
      expect(image.headers.get('location')).toBeNull();
      expect(image.headers.get('content-type')).toBe('image/webp');
    }
    // Rendered from the stored answers, read from the bucket by the API itself.
    const reads = s3.requests.slice(before).filter((r) => r.method === 'GET' && r.status === 200);
    expect(reads.length).toBeGreaterThanOrEqual(2);
  });

  it('answers 503 while the bucket is unreachable, and serves again once it is back', async () => {
    const voter = client();
    const battle = await newBattle(voter, { arena: 'image-editing' }, { look: false });
    await s3.stop();
    try {
      // Issuing a battle needs only the database; its images need the bucket.
      const other = await newBattle(client(), { arena: 'text-to-image' }, { look: false });
      expect(other.left.imageUrl).toBeTruthy();
      for (const path of [battle.left.imageUrl, battle.challenge.sourceImageUrl!]) {
        expectError(await voter.get(path), 503, 'image_store_unavailable', path);
      }
      expect((await client().get('/api/health')).status).toBe(200);
    } finally {
      await s3.restart();
    }
    for (const path of [battle.left.imageUrl, battle.right.imageUrl]) {
      expect((await voter.get(path)).status, path).toBe(200);
    }
  });
});
