import { resolve } from 'node:path';
import { inspect } from 'node:util';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, loadConfig } from '../src';

const KEYS = { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret-access-key-42' };

describe('image storage configuration', () => {
  it('keeps images in the folder under DATA_DIR by default', () => {
    expect(loadConfig({ DATA_DIR: 'here' }).storage).toEqual({
      driver: 'folder',
      dir: resolve('here'),
    });
    // Keys alone (set for something else on the machine) choose nothing.
    expect(loadConfig(KEYS).storage.driver).toBe('folder');
  });

  it('uses a bucket once one is named, with its endpoint, region and path style', () => {
    const storage = loadConfig({
      S3_BUCKET: 'arena-images',
      S3_ENDPOINT: 'http://minio:9000',
      S3_FORCE_PATH_STYLE: 'true',
      S3_CACHE_MB: '8',
      ...KEYS,
    }).storage;
    expect(storage).toMatchObject({
      driver: 's3',
      bucket: 'arena-images',
      endpoint: 'http://minio:9000',
      region: 'us-east-1',
      forcePathStyle: true,
      cacheBytes: 8 * 1024 * 1024,
    });
    const aws = loadConfig({ STORAGE: 's3', S3_BUCKET: 'b', AWS_REGION: 'eu-west-3' }).storage;
    // No keys: the SDK's own chain (profile, instance role) finds them.
    expect(aws).toMatchObject({ region: 'eu-west-3', forcePathStyle: false, cacheBytes: 64 << 20 });
    expect(aws.driver === 's3' && aws.credentials).toBeUndefined();
    expect(loadConfig({ STORAGE: 'folder', S3_BUCKET: 'b' }).storage.driver).toBe('folder');
  });

  it('refuses a bucket without a name and half a key pair', () => {
    expect(() => loadConfig({ STORAGE: 's3' })).toThrow(/S3_BUCKET: required when STORAGE=s3/);
    expect(() => loadConfig({ S3_BUCKET: 'b', AWS_ACCESS_KEY_ID: 'id' })).toThrow(
      /AWS_SECRET_ACCESS_KEY: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY go together/,
    );
    expect(() => loadConfig({ S3_BUCKET: 'b', S3_ENDPOINT: 'minio' })).toThrow(/S3_ENDPOINT/);
  });

  it('hands the keys to the SDK and never to a log line', async () => {
    const config = loadConfig({
      S3_BUCKET: 'logged-bucket',
      ...KEYS,
      AWS_SESSION_TOKEN: 'session-token-7',
    });
    const storage = config.storage;
    expect(storage.driver === 's3' && (await storage.credentials?.())).toEqual({
      accessKeyId: 'AKIAEXAMPLE',
      secretAccessKey: 'secret-access-key-42',
      sessionToken: 'session-token-7',
    });
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger('info', 'test', sink);
    logger.info({ config }, 'configuration');
    logger.info(config, 'configuration, flat');
    lines.push(JSON.stringify(config), inspect(config, { depth: 10 }));
    for (const line of lines) {
      expect(line).toContain('logged-bucket');
      expect(line).not.toContain('AKIAEXAMPLE');
      expect(line).not.toContain('secret-access-key-42');
      expect(line).not.toContain('session-token-7');
    }
  });
});
