import { ProviderError } from './types';

/**
 * Marks a non-retryable failure of a request the provider accepted (refusal, bad input,
 * unusable image) as settled: resuming that request would only repeat the answer.
 */
export function markSettled(error: unknown): unknown {
  if (!(error instanceof ProviderError) || error.retryable || error.options.requestSettled) {
    return error;
  }
  return new ProviderError(error.errorClass, error.message, {
    ...error.options,
    requestSettled: true,
  });
}
