import { describe, expect, it } from 'vitest';
import { ByteCache } from '../src';

const bytes = (n: number, fill = 1) => Buffer.alloc(n, fill);

describe('the byte cache in front of a remote store', () => {
  it('drops the least recently used objects once their bytes pass the bound', () => {
    const cache = new ByteCache(100);
    cache.set('a', bytes(10));
    cache.set('b', bytes(10));
    cache.set('c', bytes(10));
    cache.get('a'); // a is now the most recently used
    for (let i = 0; i < 8; i += 1) cache.set(`filler-${i}`, bytes(10));
    expect(cache.size).toBeLessThanOrEqual(100);
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('b')).toBeUndefined();
  });

  it('keeps no object larger than an eighth of its bound, and nothing with a bound of 0', () => {
    const cache = new ByteCache(80);
    cache.set('big', bytes(11));
    expect(cache.get('big')).toBeUndefined();
    const none = new ByteCache(0);
    none.set('small', bytes(1));
    expect(none.get('small')).toBeUndefined();
    expect(none.size).toBe(0);
  });

  it('loads a key once for concurrent askers and keeps what it found', async () => {
    const cache = new ByteCache(1000);
    let loads = 0;
    const load = async () => {
      loads += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return bytes(5, 7);
    };
    const answers = await Promise.all([1, 2, 3].map(() => cache.load('k', load)));
    expect(answers.every((answer) => answer?.equals(bytes(5, 7)))).toBe(true);
    expect(await cache.load('k', load)).toBe(answers[0]);
    expect(loads).toBe(1);
  });

  it('remembers neither absence nor failure', async () => {
    const cache = new ByteCache(1000);
    expect(await cache.load('k', async () => undefined)).toBeUndefined();
    await expect(cache.load('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.load('k', async () => bytes(3))).toEqual(bytes(3));
  });

  it('lets a delete or a put made during a load have the last word', async () => {
    const cache = new ByteCache(1000);
    let release!: (value: Buffer) => void;
    const slow = cache.load('k', () => new Promise<Buffer>((resolve) => (release = resolve)));
    cache.delete('k');
    release(bytes(4, 1));
    await slow;
    expect(cache.get('k')).toBeUndefined();

    const again = cache.load('k', () => new Promise<Buffer>((resolve) => (release = resolve)));
    cache.set('k', bytes(4, 2));
    release(bytes(4, 1));
    await again;
    expect(cache.get('k')).toEqual(bytes(4, 2));
  });
});
