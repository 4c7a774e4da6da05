import type { VoteOutcome } from '../outcomes';

/**
 * The leaderboard never looks at battles one by one: every statistic below is a function of
 * how many times each outcome happened for each pair of models. Models are dense indices
 * 0..p-1 (the caller maps its ids), and a pair is stored once, in canonical order a < b.
 */
export interface PairCounts {
  a: number;
  b: number;
  winsA: number;
  winsB: number;
  ties: number;
  bothBad: number;
}

/** Outcome of one vote in the pair's own terms: `a` means model `a` won. */
export type PairOutcome = 'a' | 'b' | 'tie' | 'both_bad';

export interface PairVote {
  a: number;
  b: number;
  outcome: PairOutcome;
}

/** Translate a voter's screen-side outcome into pair terms (the left model is `a`). */
export function pairVoteFromSides(left: number, right: number, outcome: VoteOutcome): PairVote {
  const pairOutcome: PairOutcome =
    outcome === 'left' ? 'a' : outcome === 'right' ? 'b' : outcome === 'tie' ? 'tie' : 'both_bad';
  return { a: left, b: right, outcome: pairOutcome };
}

/** Number of unordered pairs among p models. */
export function pairCount(modelCount: number): number {
  return (modelCount * (modelCount - 1)) / 2;
}

/** Position of the pair (a, b), a < b, in the row-major upper triangle: 0 .. pairCount - 1. */
export function pairIndex(a: number, b: number, modelCount: number): number {
  return (a * (2 * modelCount - a - 1)) / 2 + (b - a - 1);
}

export function assertModelIndex(model: number, modelCount: number, what = 'model'): void {
  if (!Number.isInteger(model) || model < 0 || model >= modelCount) {
    throw new RangeError(`${what} ${model} is not an index in 0..${modelCount - 1}`);
  }
}

/**
 * Aggregate votes into one cell per pair, sorted by (a, b), so that the result (and every fit
 * on it) is the same whatever order the votes arrived in. Votes given as (b, a) are flipped.
 */
export function aggregatePairVotes(votes: Iterable<PairVote>, modelCount: number): PairCounts[] {
  const cells = new Map<number, PairCounts>();
  for (const vote of votes) {
    assertModelIndex(vote.a, modelCount);
    assertModelIndex(vote.b, modelCount);
    if (vote.a === vote.b) throw new RangeError(`a model cannot play itself (${vote.a})`);
    const flipped = vote.a > vote.b;
    const a = flipped ? vote.b : vote.a;
    const b = flipped ? vote.a : vote.b;
    const key = pairIndex(a, b, modelCount);
    let cell = cells.get(key);
    if (!cell) {
      cell = { a, b, winsA: 0, winsB: 0, ties: 0, bothBad: 0 };
      cells.set(key, cell);
    }
    switch (vote.outcome) {
      case 'a':
        if (flipped) cell.winsB += 1;
        else cell.winsA += 1;
        break;
      case 'b':
        if (flipped) cell.winsA += 1;
        else cell.winsB += 1;
        break;
      case 'tie':
        cell.ties += 1;
        break;
      case 'both_bad':
        cell.bothBad += 1;
        break;
    }
  }
  return [...cells.entries()].sort((x, y) => x[0] - y[0]).map(([, cell]) => cell);
}

/** All votes in a cell. */
export function cellTotal(cell: PairCounts): number {
  return cell.winsA + cell.winsB + cell.ties + cell.bothBad;
}

/** Votes each model took part in (a model with none gets 0). */
export function modelVoteCounts(cells: readonly PairCounts[], modelCount: number): number[] {
  const votes = new Array<number>(modelCount).fill(0);
  for (const cell of cells) {
    const total = cellTotal(cell);
    votes[cell.a] = (votes[cell.a] ?? 0) + total;
    votes[cell.b] = (votes[cell.b] ?? 0) + total;
  }
  return votes;
}
