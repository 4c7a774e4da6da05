import { randomBytes } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { storageKeyFor, type ImageStore } from '../../src';

const WEBP = 'image/webp';
let counter = 0;
/** A key as the services make them, new for each call. */
const newKey = () => storageKeyFor(`${randomBytes(8).toString('hex')}${(counter += 1)}`);

/**
 * What every `ImageStore` promises, whatever holds the bytes. Run inside a `describe` of each
 * store, with `open` making a new store over the same backing (a folder, a bucket): two stores
 * opened stand for two processes sharing it.
 */
export function imageStoreContract(open: () => ImageStore): void {
  const opened: ImageStore[] = [];
  const store = () => {
    const made = open();
    opened.push(made);
    return made;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((made) => made.close?.()));
  });

  it('gives back the bytes it was given, byte for byte, small or large', async () => {
    const images = store();
    for (const bytes of [Buffer.from([0x52]), randomBytes(70_000), randomBytes(3 * 1024 * 1024)]) {
      const key = newKey();
      await images.put(key, bytes, WEBP);
      expect((await images.get(key))?.equals(bytes)).toBe(true);
    }
  });

  it('answers undefined for an object never written, however often asked', async () => {
    const images = store();
    const key = newKey();
    expect(await images.get(key)).toBeUndefined();
    expect(await Promise.all([images.get(key), images.get(key)])).toEqual([undefined, undefined]);
  });

  it('replaces an object written again under its key', async () => {
    const images = store();
    const key = newKey();
    await images.put(key, Buffer.from('first'), WEBP);
    await images.put(key, Buffer.from('second'), WEBP);
    expect((await images.get(key))?.toString()).toBe('second');
  });

  it('deletes an object, and deleting a missing one is no error', async () => {
    const images = store();
    const key = newKey();
    await images.put(key, Buffer.from('gone soon'), WEBP);
    await images.delete(key);
    expect(await images.get(key)).toBeUndefined();
    await expect(images.delete(key)).resolves.toBeUndefined();
    await expect(images.delete(newKey())).resolves.toBeUndefined();
  });

  it('shares objects between stores over the same backing (two processes)', async () => {
    const writer = store();
    const reader = store();
    const key = newKey();
    // Asked before it exists, then written by the other: an absent object is not remembered.
    expect(await reader.get(key)).toBeUndefined();
    await writer.put(key, Buffer.from('shared'), WEBP);
    expect((await reader.get(key))?.toString()).toBe('shared');
  });

  it('keeps concurrent writes and reads of many keys apart', async () => {
    const images = store();
    const objects = Array.from({ length: 24 }, () => ({ key: newKey(), bytes: randomBytes(4096) }));
    await Promise.all(objects.map(({ key, bytes }) => images.put(key, bytes, WEBP)));
    const read = await Promise.all(objects.map(({ key }) => images.get(key)));
    read.forEach((bytes, i) => expect(bytes?.equals(objects[i]!.bytes)).toBe(true));
  });

  it('refuses keys that are not storage keys, before touching anything', async () => {
    const images = store();
    for (const key of ['../escape.webp', 'images/../../x', '/absolute', 'a//b', 'sp ace', '']) {
      await expect(images.put(key, Buffer.from('x'), WEBP), key).rejects.toThrow(/unsafe/);
      await expect(images.get(key), key).rejects.toThrow(/unsafe/);
      await expect(images.delete(key), key).rejects.toThrow(/unsafe/);
    }
  });
}
