import { expect } from 'vitest';
import { sniffImageType } from '@arena/storage';
import { fakePng } from '@arena/fake-providers';
import { ProviderError, type ErrorClass, type GenerateRequest } from '../src';

/**
 * The tests' opt-in to loopback: image URLs on the fake servers are plain http on 127.0.0.1,
 * which the production policy refuses. Nothing outside tests sets these.
 */
export const LOOPBACK_IMAGES = {
  imageUrlPolicy: { requireHttps: false, allowedPrivateAddresses: ['127.0.0.1'] },
  extraImageHosts: ['127.0.0.1'],
  pollIntervalMs: 10,
  maxPollIntervalMs: 20,
} as const;

export function request(overrides: Partial<GenerateRequest> = {}): GenerateRequest {
  return {
    providerModelId: 'test-model',
    model: { slug: 'test-model', name: 'Test model' },
    prompt: 'A candid street photo of a man repairing a red bicycle in light rain',
    aspectRatio: '1:1',
    resolution: '1K',
    size: { width: 1024, height: 1024 },
    seed: 42,
    attempt: 1,
    signal: AbortSignal.timeout(10_000),
    ...overrides,
  };
}

/** Awaits a rejection and checks it is a ProviderError of `errorClass`. */
export async function providerError(
  promise: Promise<unknown>,
  errorClass: ErrorClass,
): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  const providerError = error as ProviderError;
  expect({ errorClass: providerError.errorClass, message: providerError.message }).toMatchObject({
    errorClass,
  });
  return providerError;
}

export function isPng(bytes: Buffer): boolean {
  return sniffImageType(bytes) === 'image/png';
}

export async function sourceImage(seed = 7) {
  return { bytes: await fakePng(seed), contentType: 'image/png' as const };
}

/**
 * A deadline that passes `afterMs` after `condition` first holds (say, once the fake has
 * received the call), so tests of hangs and slow bodies do not race a loaded machine.
 */
export function deadlineWhen(condition: () => boolean, afterMs = 0): AbortSignal {
  const controller = new AbortController();
  const timer = setInterval(() => {
    if (!condition()) return;
    clearInterval(timer);
    setTimeout(() => controller.abort(), afterMs);
  }, 5);
  return AbortSignal.any([controller.signal, AbortSignal.timeout(20_000)]);
}

/** A plain short deadline, for tests that assert nothing about what was sent. */
export function shortDeadline(ms = 300): AbortSignal {
  return AbortSignal.timeout(ms);
}
