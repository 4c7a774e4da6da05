import { pairIndex, type PairCounts } from '../rating/counts';
import { DEFAULT_LEVEL } from '../rating/intervals';
import { createRng, type Seed } from '../rating/random';
import { PROVISIONAL_VOTES } from '../rating/ranks';
import { computeRatings } from '../rating/ratings';
import { DEFAULT_RIDGE } from '../rating/scale';
import { compareScopes, compareText, scopeLabel, type ScopeKey } from './scopes';

/**
 * Votes between two models shown side by side, within one arena, category and challenge: the
 * rows of `GROUP BY arena, category, challenge, left model, right model` in the recompute job,
 * or a tally of export lines in `pnpm arena leaderboard`.
 */
export interface SideCounts extends ScopeKey {
  /** Model keys (slugs); `left` is the model whose image was shown on the left. */
  left: string;
  right: string;
  leftWins: number;
  rightWins: number;
  ties: number;
  bothBad: number;
}

/** The seed of published leaderboards, so that anyone can reproduce them from the export. */
export const DEFAULT_LEADERBOARD_SEED = 1;
export const DEFAULT_BOOTSTRAP_ROUNDS = 100;

export interface LeaderboardOptions {
  rounds?: number;
  seed?: Seed;
  level?: number;
  ridge?: number;
  provisionalVotes?: number;
  /** Also compute one leaderboard per challenge (the export's CLI needs only arena scopes). */
  perChallenge?: boolean;
  /** Which scopes to fit; the job skips those whose votes have not changed since the last run. */
  include?: (key: ScopeKey, votes: number) => boolean;
}

/** Everything that, with the votes, determines a leaderboard: stored with each snapshot. */
export interface LeaderboardParams {
  /** How the intervals are computed (the ratings are always the Bradley-Terry fit). */
  intervals: 'bootstrap';
  rounds: number;
  seed: Seed;
  level: number;
  ridge: number;
  provisionalVotes: number;
}

export function leaderboardParams(options: LeaderboardOptions = {}): LeaderboardParams {
  return {
    intervals: 'bootstrap',
    rounds: options.rounds ?? DEFAULT_BOOTSTRAP_ROUNDS,
    seed: options.seed ?? DEFAULT_LEADERBOARD_SEED,
    level: options.level ?? DEFAULT_LEVEL,
    ridge: options.ridge ?? DEFAULT_RIDGE,
    provisionalVotes: options.provisionalVotes ?? PROVISIONAL_VOTES,
  };
}

export interface LeaderboardModelRow {
  model: string;
  rating: number;
  low: number;
  high: number;
  /** Shared by models whose intervals overlap (see displayRanks). */
  rank: number;
  votes: number;
  wins: number;
  losses: number;
  ties: number;
  bothBad: number;
  provisional: boolean;
}

/** One pair's votes, `a` before `b` in key order. */
export interface PairTally {
  a: string;
  b: string;
  winsA: number;
  winsB: number;
  ties: number;
  bothBad: number;
}

export interface ComputedLeaderboard extends ScopeKey {
  votes: number;
  /** Models with at least one vote in the scope, best rating first. */
  rows: LeaderboardModelRow[];
  pairs: PairTally[];
  /** Decisive votes won by the left and by the right image: position bias. */
  sides: { leftWins: number; rightWins: number };
  converged: boolean;
}

/**
 * One scope's votes, tallied: plain data (no functions, no class instances) so that it can be
 * posted to a worker thread and fitted there with `fitLeaderboard`.
 */
export interface ScopeTally {
  key: ScopeKey;
  votes: number;
  leftWins: number;
  rightWins: number;
  pairs: PairTally[];
}

interface OpenTally extends Omit<ScopeTally, 'pairs'> {
  pairs: Map<string, PairTally>;
}

function assertCount(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a whole count >= 0, got ${value}`);
  }
}

/** Adds one row of side counts to a scope, in pair terms (ties and both-bad stay apart). */
function addToScope(scope: OpenTally, row: SideCounts): void {
  const flipped = compareText(row.left, row.right) > 0;
  const a = flipped ? row.right : row.left;
  const b = flipped ? row.left : row.right;
  const id = `${a}\u0000${b}`;
  let pair = scope.pairs.get(id);
  if (!pair) {
    pair = { a, b, winsA: 0, winsB: 0, ties: 0, bothBad: 0 };
    scope.pairs.set(id, pair);
  }
  pair.winsA += flipped ? row.rightWins : row.leftWins;
  pair.winsB += flipped ? row.leftWins : row.rightWins;
  pair.ties += row.ties;
  pair.bothBad += row.bothBad;
  scope.votes += row.leftWins + row.rightWins + row.ties + row.bothBad;
  scope.leftWins += row.leftWins;
  scope.rightWins += row.rightWins;
}

/** The scopes a row counts in: its arena overall, its category, and (optionally) its challenge. */
function scopesOf(row: SideCounts, perChallenge: boolean): ScopeKey[] {
  const keys: ScopeKey[] = [{ arena: row.arena, category: null, challenge: null }];
  if (row.category !== null)
    keys.push({ arena: row.arena, category: row.category, challenge: null });
  if (perChallenge && row.challenge !== null) {
    keys.push({ arena: row.arena, category: null, challenge: row.challenge });
  }
  return keys;
}

/**
 * Every leaderboard the votes define, from aggregated counts: per arena overall, per category
 * and optionally per challenge, each a Bradley-Terry fit with bootstrap intervals, display
 * ranks and provisional flags.
 *
 * The one code path behind both the stored snapshots and `pnpm arena leaderboard --votes`, and
 * deterministic so that the two agree to the last bit: models are indexed in slug order, cells
 * in pair order, and each scope's bootstrap draws from its own generator seeded with the seed
 * and the scope's names, so skipping or adding a scope, or fitting scopes on other threads,
 * changes no other.
 */
export function computeLeaderboards(
  counts: Iterable<SideCounts>,
  options: LeaderboardOptions = {},
): ComputedLeaderboard[] {
  const params = leaderboardParams(options);
  return tallyLeaderboards(counts, options).map((tally) => fitLeaderboard(tally, params));
}

/** The first half of `computeLeaderboards`: the scopes to fit, tallied, in output order. */
export function tallyLeaderboards(
  counts: Iterable<SideCounts>,
  options: Pick<LeaderboardOptions, 'perChallenge' | 'include'> = {},
): ScopeTally[] {
  const scopes = new Map<string, OpenTally>();
  for (const row of counts) {
    if (row.left === row.right) throw new RangeError(`a model cannot play itself (${row.left})`);
    assertCount(row.leftWins, 'leftWins');
    assertCount(row.rightWins, 'rightWins');
    assertCount(row.ties, 'ties');
    assertCount(row.bothBad, 'bothBad');
    for (const key of scopesOf(row, options.perChallenge ?? false)) {
      const label = scopeLabel(key);
      let scope = scopes.get(label);
      if (!scope) {
        scope = { key, votes: 0, leftWins: 0, rightWins: 0, pairs: new Map() };
        scopes.set(label, scope);
      }
      addToScope(scope, row);
    }
  }
  return [...scopes.values()]
    .filter((scope) => scope.votes > 0 && (options.include?.(scope.key, scope.votes) ?? true))
    .sort((x, y) => compareScopes(x.key, y.key))
    .map((scope) => ({ ...scope, pairs: [...scope.pairs.values()] }));
}

/** The second half: one scope's fit, intervals, ranks, flags and records. */
export function fitLeaderboard(scope: ScopeTally, params: LeaderboardParams): ComputedLeaderboard {
  const models = [...new Set(scope.pairs.flatMap((pair) => [pair.a, pair.b]))].sort(compareText);
  const index = new Map(models.map((model, i) => [model, i]));
  const p = models.length;
  const cells: PairCounts[] = scope.pairs
    .map((pair) => ({
      a: index.get(pair.a) as number,
      b: index.get(pair.b) as number,
      winsA: pair.winsA,
      winsB: pair.winsB,
      ties: pair.ties,
      bothBad: pair.bothBad,
    }))
    .sort((x, y) => pairIndex(x.a, x.b, p) - pairIndex(y.a, y.b, p));
  const result = computeRatings(cells, p, {
    method: 'bootstrap',
    rng: createRng(`${params.seed}:${scopeLabel(scope.key)}`),
    rounds: params.rounds,
    level: params.level,
    ridge: params.ridge,
    provisionalVotes: params.provisionalVotes,
  });
  const records = models.map(() => ({ wins: 0, losses: 0, ties: 0, bothBad: 0 }));
  for (const cell of cells) {
    const a = records[cell.a]!;
    const b = records[cell.b]!;
    a.wins += cell.winsA;
    a.losses += cell.winsB;
    b.wins += cell.winsB;
    b.losses += cell.winsA;
    for (const record of [a, b]) {
      record.ties += cell.ties;
      record.bothBad += cell.bothBad;
    }
  }
  const rows = result.models
    .map((rating) => ({
      model: models[rating.model]!,
      rating: rating.rating,
      low: rating.low,
      high: rating.high,
      rank: rating.rank,
      votes: rating.votes,
      ...records[rating.model]!,
      provisional: rating.provisional,
    }))
    .sort((x, y) => y.rating - x.rating || compareText(x.model, y.model));
  return {
    ...scope.key,
    votes: scope.votes,
    rows,
    pairs: cells.map((cell) => ({
      a: models[cell.a]!,
      b: models[cell.b]!,
      winsA: cell.winsA,
      winsB: cell.winsB,
      ties: cell.ties,
      bothBad: cell.bothBad,
    })),
    sides: { leftWins: scope.leftWins, rightWins: scope.rightWins },
    converged: result.converged,
  };
}
