import { ProviderError } from './types';

/** Waits, or rejects with a timeout as soon as the deadline passes. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = () =>
      new ProviderError('timeout', 'deadline passed while waiting for the provider', {
        retryable: true,
      });
    if (signal.aborted) return reject(deadline());
    const onAbort = () => {
      clearTimeout(timer);
      reject(deadline());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Poll waits that start short and grow, so quick jobs finish fast and slow ones cost few calls. */
export function* pollDelays(firstMs: number, maxMs: number): Generator<number> {
  let delay = firstMs;
  for (;;) {
    yield delay;
    delay = Math.min(maxMs, Math.ceil(delay * 1.5));
  }
}
