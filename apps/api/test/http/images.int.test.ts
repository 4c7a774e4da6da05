import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS, startVotableArena, type TestArena } from '../support/arena';
import { newBattle } from '../support/battles';
import { TestClient } from '../support/client';

/** Header names of an image response, but for those that differ per response by nature. */
const headerNames = (headers: Headers) =>
  [...headers.keys()].filter((k) => k !== 'content-length' && k !== 'x-request-id').sort();

/**
 * GET /api/battle-images/{token}, /api/source-images/{id} and /api/result-images/{id}, on each
 * database driver: image bytes whose responses tell nothing about the model behind them.
 */
describe.each(DRIVERS)('images on %s', (driver) => {
  let arena: TestArena;
  const client = () => new TestClient(arena.app);

  beforeAll(async () => {
    arena = await startVotableArena(driver);
  });
  afterAll(async () => {
    await arena?.close();
  });

  it('serves both sides of a battle with identical headers and no metadata', async () => {
    const voter = client();
    for (let i = 0; i < 20; i++) {
      const battle = await newBattle(voter);
      const left = await voter.get(battle.left.imageUrl);
      const right = await voter.get(battle.right.imageUrl);
      expect(left.status).toBe(200);
      expect(right.status).toBe(200);
      expect(headerNames(left.headers)).toEqual(headerNames(right.headers));
      for (const name of headerNames(left.headers))
        expect(left.headers.get(name)).toEqual(right.headers.get(name));
      expect(left.headers.get('etag')).toBeNull();
      expect(left.headers.get('last-modified')).toBeNull();
      const meta = await sharp(left.body as Buffer).metadata();
      expect(meta.format).toBe('webp');
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
    }
  });

  it('serves the source image of an editing battle', async () => {
    const voter = client();
    const battle = await newBattle(voter, { arena: 'image-editing' });
    expect(battle.challenge.sourceImageUrl).toMatch(/^\/api\/source-images\//);
    const source = await voter.get(battle.challenge.sourceImageUrl!);
    expect(source.status).toBe(200);
    expect(source.headers.get('content-type')).toBe('image/webp');
  });
});
