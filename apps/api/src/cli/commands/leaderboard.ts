import { parseArgs } from 'node:util';
import {
  computeLeaderboards,
  DEFAULT_BOOTSTRAP_ROUNDS,
  DEFAULT_LEADERBOARD_SEED,
  VoteFileError,
  VoteLineReader,
  type Seed,
} from '@arena/core';
import { textChunks } from '../text-chunks';
import { UsageError } from '../usage-error';

const USAGE = `usage: pnpm arena leaderboard --votes FILE [--bootstrap N] [--seed S]
       pnpm arena leaderboard recompute [--force]`;

/**
 * Streams an export into a tally, chunk by chunk: nothing but the tally is kept, so a file of
 * millions of votes needs the memory of its distinct (scope, pair) counts alone.
 */
async function tallyVotes(file: string) {
  const reader = new VoteLineReader();
  try {
    for await (const chunk of textChunks(file)) reader.push(chunk);
    return reader.end();
  } catch (error) {
    if (error instanceof VoteFileError) {
      throw new Error(`${file}:${error.line}: not a vote line (${error.reason})`);
    }
    throw error;
  }
}

/** A seed as the job stores it: whole numbers as numbers (they seed differently from text). */
function parseSeed(text: string): Seed {
  return /^-?\d+$/.test(text) ? Number(text) : text;
}

/**
 * `pnpm arena leaderboard --votes FILE`: the published leaderboards recomputed from an export
 * alone (JSON lines, `-` for stdin), through the same function as the recompute job, so that
 * with the same seed and rounds the numbers match the snapshots exactly. `recompute` runs the
 * job itself against the database.
 */
export async function leaderboardCommand(args: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      votes: { type: 'string' },
      bootstrap: { type: 'string' },
      seed: { type: 'string' },
      force: { type: 'boolean' },
    },
  });
  if (positionals[0] === 'recompute') {
    // Loaded only here: recomputing from an export needs the core alone.
    const [{ recomputeLeaderboards }, { withRuntime }] = await Promise.all([
      import('@arena/services'),
      import('../with-runtime'),
    ]);
    const result = await withRuntime((runtime) =>
      recomputeLeaderboards(runtime.ctx, { force: values.force ?? false }),
    );
    console.log(JSON.stringify(result));
    return;
  }
  if (!values.votes || positionals.length > 0) throw new UsageError(USAGE);
  const rounds =
    values.bootstrap === undefined ? DEFAULT_BOOTSTRAP_ROUNDS : Number(values.bootstrap);
  if (!Number.isInteger(rounds) || rounds < 2)
    throw new UsageError('--bootstrap needs a whole number >= 2');
  const seed = values.seed === undefined ? DEFAULT_LEADERBOARD_SEED : parseSeed(values.seed);

  const tally = await tallyVotes(values.votes);
  const leaderboards = computeLeaderboards(tally.counts(), { rounds, seed }).map((board) => ({
    arena: board.arena,
    category: board.category,
    votes: board.votes,
    rows: board.rows.map((row) => ({
      model: row.model,
      rating: row.rating,
      ci_low: row.low,
      ci_high: row.high,
      rank: row.rank,
      votes: row.votes,
    })),
  }));
  process.stdout.write(JSON.stringify({ leaderboards }, null, 2) + '\n');
}
