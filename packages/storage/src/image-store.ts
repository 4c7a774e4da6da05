/**
 * Where image bytes live: a folder on one machine, an S3-compatible bucket beyond. Keys are
 * opaque; the database holds the metadata.
 */
export interface ImageStore {
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** Undefined when there is no such object. */
  get(key: string): Promise<Buffer | undefined>;
  delete(key: string): Promise<void>;
}
