import { z } from 'zod';

/** The one error body of every refusal and failure. */
export const errorBodySchema = z.object({
  code: z.string().meta({ example: 'battle_expired' }),
  message: z.string(),
  requestId: z.string(),
  details: z.unknown().optional(),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
