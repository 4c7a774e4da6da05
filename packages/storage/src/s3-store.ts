import {
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { unavailable, type DomainError } from '@arena/core';
import { ByteCache } from './byte-cache';
import { checkStorageKey, type ImageStore } from './image-store';

export interface S3ImageStoreOptions {
  bucket: string;
  region: string;
  /** An S3-compatible server (MinIO, R2, ...); AWS itself when unset. */
  endpoint?: string;
  /** Path-style URLs (`endpoint/bucket/key`), which most S3-compatible servers need. */
  forcePathStyle?: boolean;
  /** The SDK's default chain (environment, profile, instance role) when unset. */
  credentials?: S3ClientConfig['credentials'];
  /** Bytes of objects kept in memory (0 keeps none). */
  cacheBytes: number;
  /** Where failures are reported; pino's `warn` fits. */
  logger?: { warn(fields: object, message: string): void };
}

/** How long a connection may take to open; past it the store counts as unreachable. */
const CONNECTION_TIMEOUT_MS = 3_000;
/** Idle time of a socket in the middle of a request, before the SDK gives up (and retries). */
const REQUEST_TIMEOUT_MS = 5_000;

/**
 * Images in an S3-compatible bucket, one object per key. Objects are private: the API reads
 * them and serves its own token URLs, so no bucket URL (which names the object) ever reaches a
 * voter.
 *
 * Reading from a bucket costs a round trip where the folder costs a page-cache hit, and every
 * battle image rendered reads its stored answer again (serving-base.ts keys its cache by the
 * bytes), so found objects and those just written are kept in memory, least recently used
 * dropped first. Keys are random image ids written once, so what is kept stays true; a delete
 * by another process (only of images nobody references) is not seen here.
 */
export function createS3ImageStore(options: S3ImageStoreOptions): ImageStore {
  const { bucket, logger } = options;
  const client = new S3Client({
    region: options.region,
    endpoint: options.endpoint,
    forcePathStyle: options.forcePathStyle ?? false,
    credentials: options.credentials,
    // Checksums only where S3 demands them: several S3-compatible servers refuse or mishandle
    // the CRC headers the SDK adds by default.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: {
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
    },
  });
  const cache = new ByteCache(options.cacheBytes);

  function failure(operation: string, key: string, error: unknown): DomainError {
    const { name, code, $metadata } = error as {
      name?: string;
      code?: string;
      $metadata?: { httpStatusCode?: number; attempts?: number };
    };
    logger?.warn(
      {
        operation,
        bucket,
        key,
        error: { name, code, status: $metadata?.httpStatusCode, attempts: $metadata?.attempts },
      },
      'image store request failed',
    );
    // Unavailable (503), not internal: a bucket that cannot be reached is an outage, and a job
    // that meets one retries.
    return Object.assign(
      unavailable('image_store_unavailable', 'the image store cannot be reached'),
      { cause: error },
    );
  }

  async function fetchObject(key: string): Promise<Buffer | undefined> {
    try {
      const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      const bytes = await response.Body!.transformToByteArray();
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    } catch (error) {
      // Only a missing object is "no such image"; a missing bucket is a broken configuration.
      if ((error as { name?: string }).name === 'NoSuchKey') return undefined;
      throw failure('get', key, error);
    }
  }

  return {
    async put(key, bytes, contentType) {
      checkStorageKey(key);
      try {
        await client.send(
          new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes, ContentType: contentType }),
        );
      } catch (error) {
        cache.delete(key);
        throw failure('put', key, error);
      }
      cache.set(key, bytes);
    },
    async get(key) {
      checkStorageKey(key);
      return cache.load(key, () => fetchObject(key));
    },
    async delete(key) {
      checkStorageKey(key);
      cache.delete(key);
      try {
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
      } catch (error) {
        throw failure('delete', key, error);
      }
    },
    async close() {
      client.destroy();
    },
  };
}
