import { CHALLENGE_STATUSES, EXPORT_FORMATS } from '@arena/core';
import { z } from 'zod';
import { arenaSchema } from './common';

/** Path and query parameters, validated before a handler runs (a failure answers 400). */

const slug = z.string().min(1).max(120);
const categorySlug = z.string().min(1).max(80).optional();

export const uuidParams = z.object({ id: z.uuid() });
export const slugParams = z.object({ slug });
export const arenaParams = z.object({ arena: arenaSchema });

/**
 * Image paths take any string: a malformed token answers 404 like an unknown one, so the
 * response says nothing about what a token looks like.
 */
export const imageTokenParams = z.object({ token: z.string() });
export const imageIdParams = z.object({ id: z.string() });

export const categoryQuery = z.object({ category: categorySlug });
export const arenaFilterQuery = z.object({ arena: arenaSchema.optional() });
export const challengeFilterQuery = z.object({
  arena: arenaSchema.optional(),
  status: z.enum(CHALLENGE_STATUSES).optional(),
});
export const historyQuery = z.object({ arena: arenaSchema, category: categorySlug });
export const headToHeadQuery = z.object({
  arena: arenaSchema.optional(),
  challenge: z.string().min(1).max(80).optional().meta({ description: 'challenge slug' }),
});
export const exportQuery = z.object({ format: z.enum(EXPORT_FORMATS).default('jsonl') });
export const voterStatusQuery = z.object({
  status: z.enum(['suspected']).default('suspected').meta({
    description: 'suspected: flagged by screening and not cleared since',
  }),
});
