/**
 * Where image bytes live: a folder on one machine, an S3-compatible bucket beyond. Keys are
 * opaque; the database holds the metadata.
 */
export interface ImageStore {
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** Undefined when there is no such object. The bytes may be shared: never write to them. */
  get(key: string): Promise<Buffer | undefined>;
  /** Removing a missing object is no error. */
  delete(key: string): Promise<void>;
  /** Releases connections, for stores that hold any. */
  close?(): Promise<void>;
}

const SAFE_KEY = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_.-]+)*$/;

/**
 * Keys are made by `storageKeyFor`; anything else is a bug or an attack. Every store refuses
 * the same keys, so a key that works on the folder works on a bucket and back.
 */
export function checkStorageKey(key: string): string {
  if (!SAFE_KEY.test(key) || key.includes('..')) throw new Error(`unsafe storage key: ${key}`);
  return key;
}

/** Spreads images over 256 prefixes so no folder grows huge. */
export function storageKeyFor(imageId: string, extension = 'webp'): string {
  return `images/${imageId.slice(0, 2)}/${imageId}.${extension}`;
}
