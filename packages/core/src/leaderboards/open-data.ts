import { z } from 'zod';
import type { VoteOutcome } from '../outcomes';
import type { SideCounts } from './compute-leaderboards';

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

/** What `pnpm arena leaderboard --votes` needs from a line; other fields are ignored. */
export const voteLineSchema = z.object({
  model_a: z.string().min(1),
  model_b: z.string().min(1),
  outcome: z.enum(EXPORT_OUTCOMES),
  category: z.string().min(1).nullable().optional(),
  arena: z.string().min(1).nullable().optional(),
});
export type VoteLine = z.infer<typeof voteLineSchema>;

/**
 * Tallies vote lines into side counts per (arena, category, left model, right model), one line
 * at a time, so a CLI can stream a large export without holding its lines.
 */
export class VoteTally {
  private readonly tallies = new Map<string, SideCounts>();

  add(line: VoteLine): void {
    const arena = line.arena ?? null;
    const category = line.category ?? null;
    const id = JSON.stringify([arena, category, line.model_a, line.model_b]);
    let tally = this.tallies.get(id);
    if (!tally) {
      tally = {
        arena,
        category,
        challenge: null,
        left: line.model_a,
        right: line.model_b,
        leftWins: 0,
        rightWins: 0,
        ties: 0,
        bothBad: 0,
      };
      this.tallies.set(id, tally);
    }
    if (line.outcome === 'model_a') tally.leftWins += 1;
    else if (line.outcome === 'model_b') tally.rightWins += 1;
    else if (line.outcome === 'tie') tally.ties += 1;
    else tally.bothBad += 1;
  }

  counts(): SideCounts[] {
    return [...this.tallies.values()];
  }
}
