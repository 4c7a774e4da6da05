import { twoSidedZ } from '@arena/core';
import { leaderboardSnapshots } from '@arena/db';
import { eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';

/** What matchmaking knows of one model from the latest snapshot. */
export interface PublishedRating {
  rating: number;
  /** Standard error in Elo points, from the 95% interval's width. */
  se: number;
  votes: number;
}

export interface ScopeRatings {
  /** The snapshot these come from; null before the first. */
  snapshotId: string | null;
  models: Map<string, PublishedRating>;
  /** Votes per pair, keyed by `pairKey`. */
  pairVotes: Map<string, number>;
}

export const pairKey = (x: string, y: string) => (x < y ? `${x}|${y}` : `${y}|${x}`);

const EMPTY: ScopeRatings = { snapshotId: null, models: new Map(), pairVotes: new Map() };
const Z95 = twoSidedZ(0.95);

/**
 * Parsed snapshots by id. A snapshot never changes once written, so a battle only pays for one
 * indexed lookup of the latest id; the rows and pair counts are parsed once per snapshot.
 */
const cache = new Map<string, ScopeRatings>();
const CACHE_SIZE = 32;

/**
 * A scope's ratings and pair counts from its latest snapshot, given that snapshot's id (read
 * with the battle's other inputs, battle-inputs.ts); empty before the first.
 */
export async function loadScopeRatings(
  ctx: Pick<ServiceContext, 'db'>,
  input: { snapshotId: string | null },
): Promise<ScopeRatings> {
  const latestId = input.snapshotId;
  if (!latestId) return EMPTY;
  const cached = cache.get(latestId);
  if (cached) return cached;
  const t = leaderboardSnapshots;
  const [snapshot] = await ctx.db
    .select({ rows: t.rows, pairs: t.pairs })
    .from(t)
    .where(eq(t.id, latestId));
  if (!snapshot) return EMPTY;
  const ratings: ScopeRatings = {
    snapshotId: latestId,
    models: new Map(
      snapshot.rows.map((row) => [
        row.modelId,
        { rating: row.rating, se: (row.ciHigh - row.ciLow) / (2 * Z95), votes: row.votes },
      ]),
    ),
    pairVotes: new Map(
      (snapshot.pairs ?? []).map(([a, b, winsA, winsB, ties, bothBad]) => [
        pairKey(snapshot.rows[a]!.modelId, snapshot.rows[b]!.modelId),
        winsA + winsB + ties + bothBad,
      ]),
    ),
  };
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(latestId, ratings);
  return ratings;
}
