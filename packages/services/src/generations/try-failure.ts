import { ProviderError } from '@arena/providers';
import { ImageRejectedError } from '@arena/storage';

/** How a try failed, as recorded on the try and, when final, on the generation. */
export interface TryFailure {
  errorClass: string;
  message: string;
  retryable: boolean;
  httpStatus?: number;
  retryAfterMs?: number;
  ttfbMs?: number;
  latencyMs?: number;
  providerRequestId?: string;
  requestSettled?: boolean;
}

/**
 * `pendingRequest`: the provider acknowledged a request id (fal, Replicate) that this try was
 * polling. Unless the provider gave a final answer, that request may still finish and is
 * resumed by the next try; a synchronous call that failed has nothing to resume.
 */
export function describeFailure(error: unknown, pendingRequest = false): TryFailure {
  if (error instanceof ProviderError) {
    const o = error.options;
    return {
      errorClass: error.errorClass,
      message: error.message,
      retryable: error.retryable,
      httpStatus: o.httpStatus,
      retryAfterMs: o.retryAfterMs,
      ttfbMs: o.ttfbMs,
      latencyMs: o.latencyMs,
      providerRequestId: o.providerRequestId,
      requestSettled: o.requestSettled ?? !(pendingRequest && error.retryable),
    };
  }
  if (error instanceof ImageRejectedError) {
    const errorClass = error.reason === 'too_large' ? 'too_large' : 'not_image';
    return { errorClass, message: error.message, retryable: false, requestSettled: true };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { errorClass: 'internal', message, retryable: true, requestSettled: !pendingRequest };
}
