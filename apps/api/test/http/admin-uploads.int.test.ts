import { randomBytes } from 'node:crypto';
import { auditLog, challenges, images } from '@arena/db';
import { fakePng } from '@arena/fake-providers';
import { createOperatorToken } from '@arena/services';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draft } from '../support/admin';
import { startVotableArena, type TestArena } from '../support/arena';
import { TestClient } from '../support/client';
import { countFiles, file, postForm } from '../support/console';
import { rowCounts } from '../support/db';
import { expectError } from '../support/errors';

const MiB = 1024 * 1024;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Source image uploads that must be refused: too large, not an image, a decompression bomb,
 * SVG. Each answers a 4xx naming the field, and stores nothing: no image row, no object in the
 * store, no challenge, no audit entry.
 */
describe('source image uploads', () => {
  let arena: TestArena;
  let token: string;
  let bomb: Buffer;
  const admin = () => ({ authorization: `Bearer ${token}` });
  const fields = {
    title: 'Refused upload',
    arena: 'image-editing',
    category: 'scene-transformation',
    prompt: 'Make it winter.',
  };
  const stored = async () => ({
    rows: await rowCounts(arena, { images, challenges, auditLog }),
    objects: await countFiles(arena.dataDir),
  });

  beforeAll(async () => {
    arena = await startVotableArena('postgres');
    ({ token } = await createOperatorToken(arena.runtime.ctx, { name: 'uploads' }));
    // 10,000 x 10,000 pixels of one colour: a few hundred kilobytes of PNG, 300 MB decoded.
    bomb = await sharp({
      create: { width: 10_000, height: 10_000, channels: 3, background: '#808080' },
      limitInputPixels: false,
    })
      .png({ compressionLevel: 9 })
      .toBuffer();
  }, 120_000);
  afterAll(async () => {
    await arena?.close();
  });

  const svg = Buffer.from(
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
      '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600">' +
      '<rect width="800" height="600" fill="red"/></svg>',
  );

  it.each([
    [
      'too large',
      () => Buffer.concat([PNG_SIGNATURE, randomBytes(26 * MiB)]),
      413,
      'source_image_too_large',
    ],
    [
      'larger than the whole admin body limit',
      () => Buffer.alloc(41 * MiB, 1),
      413,
      'source_image_too_large',
    ],
    ['random bytes', () => randomBytes(4096), 400, 'source_image_not_image'],
    ['a text file named .png', () => Buffer.from('hello, world\n'), 400, 'source_image_not_image'],
    ['a decompression bomb', () => bomb, 400, 'source_image_too_many_pixels'],
    ['an SVG', () => svg, 400, 'source_image_svg'],
  ])(
    'refuses %s with a 4xx naming the field, storing nothing',
    async (_label, bytes, status, code) => {
      const before = await stored();
      const response = await postForm(
        arena,
        '/api/admin/challenges',
        { ...fields, sourceImage: file(bytes()) },
        admin(),
      );
      expectError(response, status, code);
      expect(response.body.details).toMatchObject({ field: 'sourceImage' });
      expect(response.body.message).toContain('sourceImage');
      expect(await stored()).toEqual(before);
    },
  );

  it('refuses an SVG sent as base64 JSON too, naming that field', async () => {
    const before = await stored();
    const response = await new TestClient(arena.app).post(
      '/api/admin/challenges',
      draft('svg-json', {
        arena: 'image-editing',
        category: 'scene-transformation',
        sourceImageBase64: svg.toString('base64'),
      }),
      admin(),
    );
    expectError(response, 400, 'source_image_svg');
    expect(response.body.details).toEqual({ field: 'sourceImageBase64' });
    expect(await stored()).toEqual(before);
  });

  it('refuses a urlencoded form (what a cross-site HTML form sends) with 415', async () => {
    const before = await stored();
    const response = await new TestClient(arena.app).post(
      '/api/admin/challenges',
      'title=x&arena=text-to-image&category=photorealism&prompt=y',
      { ...admin(), 'content-type': 'application/x-www-form-urlencoded' },
    );
    expectError(response, 415, 'bad_request');
    expect(await stored()).toEqual(before);
  });

  it('stores an accepted upload: one image row, one object, one challenge', async () => {
    // The counting above can see a stored upload, so its "nothing moved" means something.
    const before = await stored();
    const response = await postForm(
      arena,
      '/api/admin/challenges',
      { ...fields, sourceImage: file(await fakePng(9, 640, 480)) },
      admin(),
    );
    expect(response.status).toBe(201);
    const after = await stored();
    expect(after).toEqual({
      rows: {
        images: before.rows.images! + 1,
        challenges: before.rows.challenges! + 1,
        auditLog: before.rows.auditLog! + 1,
      },
      objects: before.objects + 1,
    });
  });
});
