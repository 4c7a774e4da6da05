import { createRng, fitBradleyTerry, pairIndex, type PairCounts } from '@arena/core';
import { votes, type Database } from '@arena/db';
import { eq } from 'drizzle-orm';

export interface PeerRun {
  scopes: number;
  battles: number;
  /** Widest interval seen, Elo: a sanity check that the rounds did their work. */
  widest: number;
  /** Loading and indexing the battles. */
  loadMs: number;
  /** All bootstrap rounds, all scopes (the rest is the point fits and the percentiles). */
  roundsMs: number;
}

/**
 * "The peer beside us": the bootstrap as public arenas' notebooks run it. Every battle is
 * loaded (one row each, as a DataFrame would hold them), and each round draws N battles with
 * replacement one by one, tallies them and refits. Charitable to the peer: the refit runs on
 * the round's tallies with our Newton solver (the notebooks refit a logistic regression on the
 * resampled rows), warm-started from the point estimate. Same scopes as the job: the arena
 * overall and each category.
 */
export async function perBattleBootstrap(db: Database, rounds: number): Promise<PeerRun> {
  const started = performance.now();
  const rows = await db
    .select({
      categoryId: votes.categoryId,
      left: votes.leftModelId,
      right: votes.rightModelId,
      outcome: votes.outcome,
    })
    .from(votes)
    .where(eq(votes.counted, true));
  const modelIndex = new Map<string, number>();
  const indexOf = (id: string) => {
    let index = modelIndex.get(id);
    if (index === undefined) modelIndex.set(id, (index = modelIndex.size));
    return index;
  };
  const n = rows.length;
  const a = new Int32Array(n);
  const b = new Int32Array(n);
  const scoreA = new Float64Array(n);
  const scopes = new Map<string, number[]>([['overall', []]]);
  rows.forEach((row, i) => {
    a[i] = indexOf(row.left);
    b[i] = indexOf(row.right);
    scoreA[i] = row.outcome === 'left' ? 1 : row.outcome === 'right' ? 0 : 0.5;
    for (const key of ['overall', row.categoryId]) {
      let list = scopes.get(key);
      if (!list) scopes.set(key, (list = []));
      list.push(i);
    }
  });
  const p = modelIndex.size;
  const loaded = performance.now();
  let roundsMs = 0;
  const rng = createRng('per-battle');
  let widest = 0;
  for (const battles of scopes.values()) {
    const tally = (pick: (k: number) => number): PairCounts[] => {
      const wins = new Float64Array(p * p);
      const draws = new Float64Array(p * p);
      for (let k = 0; k < battles.length; k += 1) {
        const i = pick(k);
        const x = a[i]!;
        const y = b[i]!;
        const s = scoreA[i]!;
        const cell = s === 0.5 ? x * p + y : s === 1 ? x * p + y : y * p + x;
        const counts = s === 0.5 ? draws : wins;
        counts[cell] = counts[cell]! + 1;
      }
      const cells: PairCounts[] = [];
      for (let x = 0; x < p; x += 1) {
        for (let y = x + 1; y < p; y += 1) {
          const tie = draws[x * p + y]! + draws[y * p + x]!;
          cells.push({
            a: x,
            b: y,
            winsA: wins[x * p + y]!,
            winsB: wins[y * p + x]!,
            ties: tie,
            bothBad: 0,
          });
        }
      }
      return cells.sort((u, v) => pairIndex(u.a, u.b, p) - pairIndex(v.a, v.b, p));
    };
    const point = fitBradleyTerry(
      tally((k) => battles[k]!),
      p,
    );
    const draws: number[][] = [];
    const roundsStarted = performance.now();
    for (let round = 0; round < rounds; round += 1) {
      const fit = fitBradleyTerry(
        tally(() => battles[rng.nextInt(battles.length)]!),
        p,
        { initial: point.strengths },
      );
      draws.push(fit.ratings);
    }
    roundsMs += performance.now() - roundsStarted;
    // Percentile intervals, as the notebooks take them.
    for (let model = 0; model < p; model += 1) {
      const sorted = draws.map((ratings) => ratings[model]!).sort((x, y) => x - y);
      widest = Math.max(
        widest,
        sorted[Math.ceil(0.975 * rounds) - 1]! - sorted[Math.floor(0.025 * rounds)]!,
      );
    }
  }
  return { scopes: scopes.size, battles: n, widest, loadMs: loaded - started, roundsMs };
}
