import { createFsImageStore, createS3ImageStore, type ImageStore } from '@arena/storage';
import type { Logger } from 'pino';
import { z } from 'zod';

/**
 * Where images live: the folder under DATA_DIR (the embedded default; API and workers must then
 * share it), or an S3-compatible bucket, which lets them run on different machines.
 * Credentials are the standard AWS variables, or the SDK's default chain (profile, instance
 * role) when those are unset.
 */
export const storageEnvSchema = z.object({
  /** `s3` when S3_BUCKET is set, `folder` otherwise. */
  STORAGE: z.enum(['folder', 's3']).optional(),
  S3_BUCKET: z.string().min(1).optional(),
  /** An S3-compatible server (MinIO, R2, ...); AWS itself when unset. */
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().min(1).optional(),
  AWS_REGION: z.string().min(1).optional(),
  /** Path-style URLs (`endpoint/bucket/key`): MinIO and most S3-compatible servers need it. */
  S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default('false')
    .transform((value) => value === 'true' || value === '1' || value === 'yes'),
  /** Memory per process for stored images read back (battle renders read them again). */
  S3_CACHE_MB: z.coerce.number().min(0).max(65_536).default(64),
  AWS_ACCESS_KEY_ID: z.string().min(1).optional(),
  AWS_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  AWS_SESSION_TOKEN: z.string().min(1).optional(),
});

type StorageEnv = z.infer<typeof storageEnvSchema>;

const storageDriver = (e: StorageEnv) => e.STORAGE ?? (e.S3_BUCKET ? 's3' : 'folder');

/** A bucket without a name, or half a key pair, would fail on the first image: refuse to start. */
export function refineStorage(e: StorageEnv, ctx: z.RefinementCtx) {
  if (storageDriver(e) === 's3' && !e.S3_BUCKET) {
    ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'required when STORAGE=s3' });
  }
  if (!e.AWS_ACCESS_KEY_ID !== !e.AWS_SECRET_ACCESS_KEY) {
    ctx.addIssue({
      code: 'custom',
      path: [e.AWS_ACCESS_KEY_ID ? 'AWS_SECRET_ACCESS_KEY' : 'AWS_ACCESS_KEY_ID'],
      message: 'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY go together',
    });
  }
}

interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export type StorageConfig =
  | { driver: 'folder'; dir: string }
  | {
      driver: 's3';
      bucket: string;
      region: string;
      endpoint?: string;
      forcePathStyle: boolean;
      cacheBytes: number;
      /**
       * A provider function, as the SDK takes them: a function is no data to a logger
       * (JSON drops it), so a logged configuration never carries the secret.
       */
      credentials?: () => Promise<S3Credentials>;
    };

export function storageConfig(e: StorageEnv, dataDir: string): StorageConfig {
  if (storageDriver(e) === 'folder') return { driver: 'folder', dir: dataDir };
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey } = e;
  const sessionToken = e.AWS_SESSION_TOKEN;
  return {
    driver: 's3',
    bucket: e.S3_BUCKET!,
    // S3-compatible servers mostly ignore the region, but the SDK signs with one.
    region: e.S3_REGION ?? e.AWS_REGION ?? 'us-east-1',
    endpoint: e.S3_ENDPOINT,
    forcePathStyle: e.S3_FORCE_PATH_STYLE,
    cacheBytes: Math.round(e.S3_CACHE_MB * 1024 * 1024),
    credentials:
      accessKeyId && secretAccessKey
        ? async () => ({ accessKeyId, secretAccessKey, sessionToken })
        : undefined,
  };
}

export function createImageStore(config: StorageConfig, logger: Logger): ImageStore {
  if (config.driver === 'folder') return createFsImageStore(config.dir);
  return createS3ImageStore({ ...config, logger });
}
