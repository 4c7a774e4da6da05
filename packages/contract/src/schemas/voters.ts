import { z } from 'zod';

/** What operators see of suspected voters, and get back when they clear one. */

export const suspectedVoterSchema = z.object({
  id: z.string(),
  /** When screening flagged the voter. */
  suspectedAt: z.string(),
  /** Why, one line per test (and model) that fired. */
  reasons: z.array(z.string()),
  /** Counted votes now kept off the leaderboards and the open data. */
  votes: z.number().int(),
});
export type SuspectedVoter = z.infer<typeof suspectedVoterSchema>;

export const suspectedVotersSchema = z.object({ voters: z.array(suspectedVoterSchema) });
export type SuspectedVoters = z.infer<typeof suspectedVotersSchema>;

export const clearedVoterSchema = z.object({
  id: z.string(),
  clearedAt: z.string(),
  /** The operator who cleared the voter; null from the command line. */
  clearedBy: z.string().nullable(),
});
export type ClearedVoter = z.infer<typeof clearedVoterSchema>;
