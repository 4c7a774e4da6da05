import type { Context } from 'hono';
import type { AppEnv } from '../env';

/**
 * The shapes of the console's catalog edits: the operator (for the audit log) and what the
 * request carries go to a service, and its result is the JSON answer. Validation is the
 * contract's and error mapping the app's onError, so a handler is only this.
 */

/** Input of a route whose path ends in `{id}`. */
type EntryInput = { out: { param: { id: string } } };

/** Adds an entry from the JSON body: 201 with the entry. */
export function createHandler<
  P extends string,
  I extends { out: { json: object } },
  T extends object,
>(create: (operatorId: string, body: I['out']['json']) => Promise<T>) {
  return async (c: Context<AppEnv, P, I>) =>
    c.json(await create(c.get('operatorId'), c.req.valid('json')), 201);
}

/** Changes the entry `{id}` by the JSON body: 200 with the entry. */
export function updateHandler<
  P extends string,
  I extends EntryInput & { out: { json: object } },
  T extends object,
>(update: (operatorId: string, id: string, changes: I['out']['json']) => Promise<T>) {
  return async (c: Context<AppEnv, P, I>) =>
    c.json(await update(c.get('operatorId'), c.req.valid('param').id, c.req.valid('json')), 200);
}

/** Acts on the entry `{id}` with no body: 200 with the entry. */
export function actionHandler<P extends string, I extends EntryInput, T extends object>(
  act: (operatorId: string, id: string) => Promise<T>,
) {
  return async (c: Context<AppEnv, P, I>) =>
    c.json(await act(c.get('operatorId'), c.req.valid('param').id), 200);
}
