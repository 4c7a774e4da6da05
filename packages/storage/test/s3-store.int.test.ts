import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { isDomainError } from '@arena/core';
import { freePort, startS3Server, type TestS3Server } from '@arena/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3ImageStore, storageKeyFor, type S3ImageStoreOptions } from '../src';
import { imageStoreContract } from './support/image-store-contract';

const SECRET = 'S3RVER';
const WEBP = 'image/webp';
let counter = 0;
const newKey = () => storageKeyFor(`s3test${Date.now()}x${(counter += 1)}`);

/** An S3-compatible image store on s3rver, a real S3-protocol server on loopback. */
describe('the S3 image store', () => {
  let s3: TestS3Server;
  const options = (more: Partial<S3ImageStoreOptions> = {}): S3ImageStoreOptions => ({
    bucket: s3.bucket,
    region: 'us-east-1',
    endpoint: s3.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: SECRET },
    cacheBytes: 16 * 1024 * 1024,
    ...more,
  });
  const gets = (key: string) =>
    s3.requests.filter((r) => r.method === 'GET' && r.key === key).length;

  beforeAll(async () => {
    s3 = await startS3Server('contract');
  });
  afterAll(async () => {
    await s3?.close();
  });

  describe('keeps the image store contract', () => {
    imageStoreContract(() => createS3ImageStore(options()));
  });

  describe('without a cache', () => {
    imageStoreContract(() => createS3ImageStore(options({ cacheBytes: 0 })));
  });

  it('writes one private object per key, with its content type, in the bucket', async () => {
    const store = createS3ImageStore(options());
    const key = newKey();
    await store.put(key, Buffer.from('webp bytes'), WEBP);
    const { region, endpoint, forcePathStyle, credentials } = options();
    const client = new S3Client({ region, endpoint, forcePathStyle, credentials });
    const head = await client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: key }));
    expect(head).toMatchObject({ ContentType: WEBP, ContentLength: 10 });
    client.destroy();
    await store.close?.();
  });

  it('reads an object from the bucket once, however many ask at once, then from memory', async () => {
    const writer = createS3ImageStore(options());
    const reader = createS3ImageStore(options());
    const key = newKey();
    await writer.put(key, Buffer.from('popular'), WEBP);
    const answers = await Promise.all(Array.from({ length: 8 }, () => reader.get(key)));
    expect(answers.map(String)).toEqual(Array(8).fill('popular'));
    await reader.get(key);
    expect(gets(key)).toBe(1);
    // The writer kept what it wrote: the worker measures an answer it just stored, for free.
    await writer.get(key);
    expect(gets(key)).toBe(1);
    await Promise.all([writer.close?.(), reader.close?.()]);
  });

  it('fails with 503 (unavailable) while the server is down, kept objects still served', async () => {
    const warnings: object[] = [];
    const store = createS3ImageStore(options({ logger: { warn: (f) => warnings.push(f) } }));
    const kept = newKey();
    const other = newKey();
    await store.put(kept, Buffer.from('kept'), WEBP);
    await s3.stop();
    try {
      const started = Date.now();
      for (const attempt of [
        () => store.get(other),
        () => store.put(other, Buffer.from('x'), WEBP),
      ]) {
        const error = await attempt().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(isDomainError(error) && [error.kind, error.code]).toEqual([
          'unavailable',
          'image_store_unavailable',
        ]);
      }
      await expect(store.delete(other)).rejects.toMatchObject({ kind: 'unavailable' });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect((await store.get(kept))?.toString()).toBe('kept');
    } finally {
      await s3.restart();
    }
    // Back up: the same store recovers without a restart of its own.
    expect(await store.get(other)).toBeUndefined();
    await store.put(other, Buffer.from('later'), WEBP);
    expect((await store.get(other))?.toString()).toBe('later');
    // Each failure was reported, naming the operation and the key, never a credential.
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatchObject({ operation: 'get', key: other });
    expect(JSON.stringify(warnings)).not.toContain(SECRET);
    await store.close?.();
  });

  it('treats a missing bucket as an outage, not as a missing image', async () => {
    const store = createS3ImageStore(options({ bucket: 'no-such-bucket' }));
    await expect(store.get(newKey())).rejects.toMatchObject({
      kind: 'unavailable',
      code: 'image_store_unavailable',
    });
    await store.close?.();
  });

  it('gives up on an endpoint nobody listens on within seconds', async () => {
    const port = await freePort();
    const store = createS3ImageStore(options({ endpoint: `http://127.0.0.1:${port}` }));
    const started = Date.now();
    await expect(store.get(newKey())).rejects.toMatchObject({ kind: 'unavailable' });
    expect(Date.now() - started).toBeLessThan(5_000);
    await store.close?.();
  });
});
