import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFsImageStore, storageKeyFor } from '../src';
import { imageStoreContract } from './support/image-store-contract';

describe('the folder image store', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'arena-fs-store-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  imageStoreContract(() => createFsImageStore(root));

  it('writes each key as a file under its folder, leaving no temporary file behind', async () => {
    const store = createFsImageStore(root);
    // The contract's keys are hex: none shares this folder.
    const key = storageKeyFor('zz-folder-test');
    expect(key).toBe('images/zz/zz-folder-test.webp');
    await store.put(key, Buffer.from('x'), 'image/webp');
    expect(await readdir(join(root, 'images', 'zz'))).toEqual(['zz-folder-test.webp']);
  });
});
