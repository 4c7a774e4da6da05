/**
 * Domain errors. Services throw these; the HTTP layer maps each `code` family to a status in
 * one place, and job runners treat them as permanent (retrying cannot fix them).
 */
export type DomainErrorKind =
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'gone'
  | 'too_early'
  | 'too_many'
  | 'unavailable';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    /** Stable machine-readable code, e.g. `battle_expired`. */
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (code: string, message: string, details?: unknown) =>
  new DomainError('invalid', code, message, details);
export const unauthorized = (code: string, message: string) =>
  new DomainError('unauthorized', code, message);
/** `details` tells the client how to get past the refusal (e.g. which human check to pass). */
export const forbidden = (code: string, message: string, details?: unknown) =>
  new DomainError('forbidden', code, message, details);
export const notFound = (code: string, message: string) =>
  new DomainError('not_found', code, message);
export const conflict = (code: string, message: string) =>
  new DomainError('conflict', code, message);
export const gone = (code: string, message: string) => new DomainError('gone', code, message);
export const tooEarly = (code: string, message: string) =>
  new DomainError('too_early', code, message);
/** A limit was reached; `retryAfterSeconds` says when the next request can pass. */
export const tooMany = (code: string, message: string, retryAfterSeconds: number) =>
  new DomainError('too_many', code, message, { retryAfterSeconds });
export const unavailable = (code: string, message: string) =>
  new DomainError('unavailable', code, message);

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
