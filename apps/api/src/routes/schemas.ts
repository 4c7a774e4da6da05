import { errorBodySchema } from '@arena/core';

/** Error responses as documented in OpenAPI. */
export function errorResponses(...statuses: number[]) {
  const descriptions: Record<number, string> = {
    400: 'The request is not valid',
    401: 'Authentication required',
    403: 'Not allowed',
    404: 'Not found',
    409: 'Conflicts with the current state',
    410: 'Expired',
    425: 'Too early',
  };
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: descriptions[status] ?? 'Error',
        content: { 'application/json': { schema: errorBodySchema } },
      },
    ]),
  );
}

export const json = <T>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
