import { describe, expect, it } from 'vitest';
import { opaqueId } from '../src/ids';

describe('opaqueId', () => {
  it('hands out each random byte once, across pool refills and odd sizes', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 5_000; i += 1) {
      // 16 and 24 bytes interleaved: ids straddle the pool's end, which must refill, not wrap.
      const bytes = i % 3 === 0 ? 24 : 16;
      const id = opaqueId(bytes);
      expect(Buffer.from(id, 'base64url')).toHaveLength(bytes);
      ids.add(id);
    }
    expect(ids.size).toBe(5_000);
  });

  it('makes ids larger than its pool, and URL-safe ones', () => {
    expect(Buffer.from(opaqueId(10_000), 'base64url')).toHaveLength(10_000);
    expect(opaqueId()).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});
