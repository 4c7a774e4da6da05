import { ARENAS, VOTE_OUTCOMES } from '@arena/core';
import { z } from 'zod';

/**
 * Shapes that many responses share. Field names are camelCase on the wire; the server
 * validates requests with these schemas and the web client takes its types from them.
 */
export const arenaSchema = z.enum(ARENAS).meta({ example: 'text-to-image' });
export const outcomeSchema = z.enum(VOTE_OUTCOMES).meta({ example: 'left' });

export const modelRefSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  creator: z.string(),
});
export type ModelRef = z.infer<typeof modelRefSchema>;

export const categoryRefSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
});
export type CategoryRef = z.infer<typeof categoryRefSchema>;
