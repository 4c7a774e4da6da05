import { z } from 'zod';

/** Ready when the database answers. */
export const healthSchema = z.object({ status: z.literal('ok') });
export type Health = z.infer<typeof healthSchema>;

/** One dependency checked by `/readyz`: `detail` says why it failed (or what it saw). */
export const readinessCheckSchema = z.object({
  name: z.string().meta({ example: 'worker' }),
  ok: z.boolean(),
  /** How long the check took. */
  ms: z.number().int().min(0),
  detail: z.string().optional(),
});
export type ReadinessCheckResult = z.infer<typeof readinessCheckSchema>;

/** Every check, ready only when all pass. */
export const readinessSchema = z.object({
  status: z.enum(['ready', 'unready']),
  checks: z.array(readinessCheckSchema),
});
export type ReadinessReport = z.infer<typeof readinessSchema>;
