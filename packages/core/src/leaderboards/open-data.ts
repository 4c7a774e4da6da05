import type { VoteOutcome } from '../outcomes';

/** The files a vote export comes as. */
export const EXPORT_FORMATS = ['jsonl', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * The open-data vote format, one JSON object per line (or one CSV row). `model_a` is the model
 * shown on the left, so position bias can be measured from the export too; the outcome names
 * the winner in those terms, as the public arenas' datasets do.
 */
export const EXPORT_OUTCOMES = ['model_a', 'model_b', 'tie', 'both_bad'] as const;
export type ExportOutcome = (typeof EXPORT_OUTCOMES)[number];

export const EXPORT_COLUMNS = [
  'arena',
  'category',
  'challenge',
  'model_a',
  'model_b',
  'outcome',
  'voter',
  'created_at',
] as const;

export interface ExportedVote {
  arena: string;
  category: string;
  /** Null while the challenge is open: per-challenge results are public once it closes. */
  challenge: string | null;
  model_a: string;
  model_b: string;
  outcome: ExportOutcome;
  /** Keyed hash of the voter id: stable within the arena's exports, never the id itself. */
  voter: string;
  created_at: string;
}

export function exportOutcome(outcome: VoteOutcome): ExportOutcome {
  return outcome === 'left' ? 'model_a' : outcome === 'right' ? 'model_b' : outcome;
}
