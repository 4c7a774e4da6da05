import type { safeFetch } from './safe-fetch';
import type { UrlPolicy } from './url-policy';

/** Knobs shared by the HTTP adapters; every default is the production one. */
export interface AdapterOptions {
  /** Largest image accepted, downloaded or inline. Default 50 MiB. */
  maxImageBytes?: number;
  /** Largest JSON answer accepted; default fits a base64 image of `maxImageBytes`. */
  maxResponseBytes?: number;
  /** Hosts image URLs may point at, on top of the adapter's own list. */
  extraImageHosts?: readonly string[];
  /**
   * Loosens the image URL policy. Tests against loopback fake servers set
   * `{ requireHttps: false, allowedPrivateAddresses: ['127.0.0.1'] }`; never set in production.
   */
  imageUrlPolicy?: Partial<UrlPolicy>;
  /** First wait between status polls (fal, Replicate); grows 1.5x per poll. Default 1000. */
  pollIntervalMs?: number;
  /** Longest wait between polls. Default 5000. */
  maxPollIntervalMs?: number;
  /**
   * Performs every HTTP exchange (API calls, polls, image downloads). Default `safeFetch`; a
   * replacement (tracing, tests) should delegate to it, which holds the deadline, the byte
   * cap and the image URL policy.
   */
  fetch?: typeof safeFetch;
}

export interface Limits {
  maxImageBytes: number;
  maxResponseBytes: number;
}

export const DEFAULT_MAX_IMAGE_BYTES = 50 * 1024 * 1024;

export function limitsFrom(options: AdapterOptions): Limits {
  const maxImageBytes = options.maxImageBytes ?? DEFAULT_MAX_IMAGE_BYTES;
  return {
    maxImageBytes,
    maxResponseBytes: options.maxResponseBytes ?? Math.ceil(maxImageBytes * 1.4) + 1024 * 1024,
  };
}

export function imagePolicy(allowedHosts: readonly string[], options: AdapterOptions): UrlPolicy {
  return {
    ...options.imageUrlPolicy,
    allowedHosts: [...allowedHosts, ...(options.extraImageHosts ?? [])],
  };
}

/** `base` without trailing slashes, `path` starting with one. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}
