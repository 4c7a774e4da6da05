import { z } from 'zod';
import { errorBodySchema } from './schemas/errors';

const ERROR_DESCRIPTIONS = {
  400: 'The request is not valid',
  401: 'Authentication required',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflicts with the current state',
  410: 'Expired',
  413: 'The request body is too large',
  415: 'The request body is not JSON',
  425: 'Too early',
  429: 'Too many requests: wait the Retry-After seconds',
  503: 'A service this request depends on is unavailable: try again shortly',
} as const;
type ErrorStatus = keyof typeof ERROR_DESCRIPTIONS;

interface ErrorResponse {
  description: string;
  content: { 'application/json': { schema: typeof errorBodySchema } };
}

/**
 * Error responses as documented in OpenAPI, typed by status so that a handler (and a typed
 * client) knows exactly which refusals a route declares.
 */
export function errorResponses<const S extends ErrorStatus[]>(
  ...statuses: S
): { [K in S[number]]: ErrorResponse } {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: ERROR_DESCRIPTIONS[status],
        content: { 'application/json': { schema: errorBodySchema } },
      },
    ]),
  ) as { [K in S[number]]: ErrorResponse };
}

export const json = <T>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const webpImage = (description: string) => ({
  description,
  content: { 'image/webp': { schema: z.string().meta({ format: 'binary' }) } },
});
