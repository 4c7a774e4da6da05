/**
 * Objects by key, least recently used dropped first once their bytes pass `maxBytes`, with a
 * single load in flight per key. Made for immutable objects: a key is written once (image keys
 * are random ids), so what is kept never goes stale in this process.
 */
export class ByteCache {
  readonly #kept = new Map<string, Buffer>();
  readonly #loading = new Map<string, Promise<Buffer | undefined>>();
  #bytes = 0;

  constructor(readonly maxBytes: number) {}

  /** Bytes kept now. */
  get size(): number {
    return this.#bytes;
  }

  get(key: string): Buffer | undefined {
    const kept = this.#kept.get(key);
    if (kept) {
      // Most recently used goes last; eviction takes from the front.
      this.#kept.delete(key);
      this.#kept.set(key, kept);
    }
    return kept;
  }

  set(key: string, bytes: Buffer): void {
    this.delete(key);
    // An object larger than an eighth of the cache would push out too much for one entry.
    if (bytes.length > this.maxBytes / 8) return;
    this.#kept.set(key, bytes);
    this.#bytes += bytes.length;
    for (const [oldest, old] of this.#kept) {
      if (this.#bytes <= this.maxBytes) break;
      this.#kept.delete(oldest);
      this.#bytes -= old.length;
    }
  }

  /** Forgets the key, and the result of any load of it still in flight. */
  delete(key: string): void {
    this.#loading.delete(key);
    const kept = this.#kept.get(key);
    if (!kept) return;
    this.#kept.delete(key);
    this.#bytes -= kept.length;
  }

  /**
   * The kept bytes, or those of a load already in flight, or `load`'s. Found bytes are kept;
   * an absent object is not (another process may write it next).
   */
  load(key: string, load: () => Promise<Buffer | undefined>): Promise<Buffer | undefined> {
    const kept = this.get(key);
    if (kept) return Promise.resolve(kept);
    const inFlight = this.#loading.get(key);
    if (inFlight) return inFlight;
    const settled = () => {
      // A put or delete since the load started has the last word.
      const current = this.#loading.get(key) === loading;
      if (current) this.#loading.delete(key);
      return current;
    };
    const loading: Promise<Buffer | undefined> = load().then(
      (bytes) => {
        if (settled() && bytes) this.set(key, bytes);
        return bytes;
      },
      (error: unknown) => {
        settled();
        throw error;
      },
    );
    this.#loading.set(key, loading);
    return loading;
  }
}
