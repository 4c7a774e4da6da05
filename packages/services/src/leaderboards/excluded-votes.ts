import type { Arena, LeaderboardParams, ScopeKey, SideCounts } from '@arena/core';
import { voteVoids, votes } from '@arena/db';
import { and, eq, not, sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import {
  countedExcludedVotes,
  excludedVoters,
  excludedVotesCondition,
  exclusionFingerprint,
  type ExcludedVoter,
} from '../voters/exclusion';
import type { Names } from './scopes';

/** One excluded voter's counted votes on one (challenge, left model, right model). */
interface ExcludedTally {
  voterId: string;
  arena: Arena;
  challengeId: string;
  leftModelId: string;
  rightModelId: string;
  leftWins: number;
  rightWins: number;
  ties: number;
  bothBad: number;
  /** Of these, votes an operator voided (the rest are the excluded voter's). */
  voided: number;
}

/**
 * The votes kept off the boards: who is excluded (screening, bans), and the tallies of their
 * votes and of the voided votes of everyone else.
 */
export interface Exclusion {
  voters: ExcludedVoter[];
  tallies: ExcludedTally[];
}

const count = (outcome: string) =>
  sql<number>`(count(*) filter (where ${votes.outcome} = ${outcome}))::int`;

const tallyColumns = {
  voterId: votes.voterId,
  arena: votes.arena,
  challengeId: votes.challengeId,
  leftModelId: votes.leftModelId,
  rightModelId: votes.rightModelId,
  leftWins: count('left'),
  rightWins: count('right'),
  ties: count('tie'),
  bothBad: count('both_bad'),
};
const tallyGroups = [
  votes.voterId,
  votes.arena,
  votes.challengeId,
  votes.leftModelId,
  votes.rightModelId,
] as const;

/**
 * The excluded voters and their counted votes, tallied per voter, and the voided counted votes
 * of the others. The main aggregate stays an index-only scan of votes_tally with no join or
 * filter on voters or voids (a benchmark watches it); the few excluded voters' votes are read
 * here on votes_voter_created, the voided ones from vote_voids by the votes' key, and both are
 * subtracted afterwards.
 */
export async function loadExclusion(ctx: Pick<ServiceContext, 'db'>): Promise<Exclusion> {
  const voters = await excludedVoters(ctx);
  const condition = countedExcludedVotes(voters);
  const byVoter = condition
    ? ctx.db
        .select({ ...tallyColumns, voided: sql<number>`0` })
        .from(votes)
        .where(condition)
        .groupBy(...tallyGroups)
    : Promise.resolve([]);
  // Votes both voided and of an excluded voter are subtracted once, with the voter's.
  const excludedVoter = excludedVotesCondition(voters);
  const voided = ctx.db
    .select({ ...tallyColumns, voided: sql<number>`count(*)::int` })
    .from(voteVoids)
    .innerJoin(votes, eq(votes.id, voteVoids.voteId))
    .where(and(eq(votes.counted, true), excludedVoter ? not(excludedVoter) : undefined))
    .groupBy(...tallyGroups);
  const [voterTallies, voidTallies] = await Promise.all([byVoter, voided]);
  return { voters, tallies: [...voterTallies, ...voidTallies] };
}

const total = (t: Pick<ExcludedTally, 'leftWins' | 'rightWins' | 'ties' | 'bothBad'>) =>
  t.leftWins + t.rightWins + t.ties + t.bothBad;

/** Excluded counted votes per arena, to take from the per-arena totals. */
export function excludedVotesByArena(exclusion: Exclusion): Map<Arena, number> {
  const byArena = new Map<Arena, number>();
  for (const tally of exclusion.tallies) {
    byArena.set(tally.arena, (byArena.get(tally.arena) ?? 0) + total(tally));
  }
  return byArena;
}

/** The fingerprint of the excluded voters and voided votes that touch the given tallies. */
function fingerprintOf(exclusion: Exclusion, touches: (tally: ExcludedTally) => boolean) {
  const touching = exclusion.tallies.filter(touches);
  const ids = new Set(touching.filter((tally) => tally.voided === 0).map((tally) => tally.voterId));
  const voided = touching.reduce((sum, tally) => sum + tally.voided, 0);
  return exclusionFingerprint(
    exclusion.voters.filter((voter) => ids.has(voter.id)),
    voided,
  );
}

export const arenaFingerprint = (exclusion: Exclusion, arena: Arena) =>
  fingerprintOf(exclusion, (tally) => tally.arena === arena);

export const challengeFingerprint = (exclusion: Exclusion, challengeId: string) =>
  fingerprintOf(exclusion, (tally) => tally.challengeId === challengeId);

/** Fit settings plus the exclusion fingerprint: what a snapshot stores and is compared on. */
export type StoredParams = LeaderboardParams & { excluded?: string };

export function storedParams(params: LeaderboardParams, fingerprint: string | undefined) {
  return fingerprint === undefined ? params : { ...params, excluded: fingerprint };
}

/** The stored params of a scope's board: arena and category boards by arena, challenges' own. */
export function scopeParams(
  params: LeaderboardParams,
  exclusion: Exclusion,
  key: ScopeKey,
  names: Names,
): StoredParams {
  const fingerprint =
    key.challenge !== null
      ? challengeFingerprint(exclusion, names.challenges.id(key.challenge))
      : arenaFingerprint(exclusion, key.arena as Arena);
  return storedParams(params, fingerprint);
}

/**
 * `counts` less the excluded tallies (named as `counts` are, by `name`), dropping the rows left
 * empty: a model all of whose votes were excluded must not appear on the board with none, or
 * the board would differ from the one recomputed from the export.
 */
export function subtractExcluded(
  counts: readonly SideCounts[],
  excluded: readonly ExcludedTally[],
  name: (tally: ExcludedTally) => SideCounts | null,
): SideCounts[] {
  if (excluded.length === 0) return [...counts];
  const key = (row: SideCounts) =>
    [row.arena, row.category, row.challenge, row.left, row.right].join('\u0000');
  const byKey = new Map(counts.map((row) => [key(row), { ...row }]));
  for (const tally of excluded) {
    const named = name(tally);
    const row = named && byKey.get(key(named));
    if (!row) continue;
    row.leftWins -= tally.leftWins;
    row.rightWins -= tally.rightWins;
    row.ties -= tally.ties;
    row.bothBad -= tally.bothBad;
  }
  return [...byKey.values()].filter((row) => total(row) > 0);
}
