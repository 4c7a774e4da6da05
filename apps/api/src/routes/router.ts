import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env';
import { validationHook } from '../errors';

/** A router whose validation failures use the one error body. */
export const createRouter = () => new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
