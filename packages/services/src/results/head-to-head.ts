import type { HeadToHead, Matchup, MatchupChallenge, ModelRef } from '@arena/contract';
import { OVERALL_SCOPE, type Arena } from '@arena/core';
import { models } from '@arena/db';
import { inArray } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { challengeScope } from '../leaderboards/scopes';
import { latestSnapshot, latestSnapshots, type Snapshot } from '../leaderboards/snapshot-reads';
import { findModel } from './find-model';
import {
  closedChallenges,
  findPublishedChallenge,
  type PublishedChallenge,
} from './published-challenge';

interface Tally {
  arena: Arena;
  opponentId: string;
  wins: number;
  losses: number;
  ties: number;
  bothBad: number;
}

/** The model's record against each opponent, from a snapshot's pair counts. */
function tallies(snapshot: Snapshot, modelId: string): Tally[] {
  const own = snapshot.rows.findIndex((row) => row.modelId === modelId);
  if (own < 0) return [];
  return (snapshot.pairs ?? []).flatMap(([a, b, winsA, winsB, ties, bothBad]) => {
    if (a !== own && b !== own) return [];
    const mine = a === own;
    return [
      {
        arena: snapshot.arena,
        opponentId: snapshot.rows[mine ? b : a]!.modelId,
        wins: mine ? winsA : winsB,
        losses: mine ? winsB : winsA,
        ties,
        bothBad,
      },
    ];
  });
}

async function opponentRefs(
  ctx: Pick<ServiceContext, 'db'>,
  ids: readonly string[],
): Promise<Map<string, ModelRef>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db
    .select({ id: models.id, slug: models.slug, name: models.name, creator: models.creator })
    .from(models)
    .where(inArray(models.id, [...ids]));
  return new Map(rows.map((row) => [row.id, row]));
}

const pairKey = (arena: string, opponentId: string) => `${arena}/${opponentId}`;

/**
 * Where each pairing was decided: the model's record against each opponent on every closed
 * challenge, from the challenges' own snapshots. Open challenges are left out: while voting is
 * open, a per-challenge record would tell voters which image is whose.
 */
async function challengeBreakdown(
  ctx: Pick<ServiceContext, 'db'>,
  modelId: string,
  closed: readonly PublishedChallenge[],
): Promise<Map<string, MatchupChallenge[]>> {
  const byArena = new Map<Arena, PublishedChallenge[]>();
  for (const challenge of closed) {
    const list = byArena.get(challenge.ref.arena) ?? [];
    list.push(challenge);
    byArena.set(challenge.ref.arena, list);
  }
  const breakdown = new Map<string, MatchupChallenge[]>();
  await Promise.all(
    [...byArena].map(async ([arena, list]) => {
      const snapshots = await latestSnapshots(ctx, {
        arena,
        scopes: list.map((challenge) => challengeScope(challenge.id)),
      });
      for (const challenge of list) {
        const snapshot = snapshots.get(challengeScope(challenge.id));
        if (!snapshot) continue;
        for (const tally of tallies(snapshot, modelId)) {
          const key = pairKey(arena, tally.opponentId);
          const entries = breakdown.get(key) ?? [];
          entries.push({
            slug: challenge.ref.slug,
            title: challenge.ref.title,
            wins: tally.wins,
            losses: tally.losses,
            ties: tally.ties + tally.bothBad,
          });
          breakdown.set(key, entries);
        }
      }
    }),
  );
  const played = (entry: MatchupChallenge) => entry.wins + entry.losses + entry.ties;
  for (const entries of breakdown.values()) {
    entries.sort((a, b) => played(b) - played(a) || a.slug.localeCompare(b.slug));
  }
  return breakdown;
}

/**
 * Wins, losses and ties against every opponent ("vs GPT Image 1.5: 33% W, 33% L, 33% T"), in
 * each arena overall or within one closed challenge, from the latest snapshot's pair counts.
 */
export async function getHeadToHead(
  ctx: Pick<ServiceContext, 'db'>,
  input: { slug: string; arena?: Arena; challenge?: string },
): Promise<HeadToHead> {
  const { arenas, ...model } = await findModel(ctx, { slug: input.slug });
  let challenge: PublishedChallenge | null = null;
  let snapshots: (Snapshot | null)[];
  if (input.challenge) {
    challenge = await findPublishedChallenge(ctx, { slug: input.challenge });
    const scope = challengeScope(challenge.id);
    snapshots = [await latestSnapshot(ctx, { arena: challenge.ref.arena, scope })];
  } else {
    const wanted = input.arena ? [input.arena] : (arenas as Arena[]);
    snapshots = await Promise.all(
      wanted.map((arena) => latestSnapshot(ctx, { arena, scope: OVERALL_SCOPE })),
    );
  }
  const all = snapshots.flatMap((snapshot) => (snapshot ? tallies(snapshot, model.id) : []));
  const closed = challenge
    ? [challenge]
    : await closedChallenges(ctx, {
        arenas: input.arena ? [input.arena] : arenas,
      });
  const [refs, breakdown] = await Promise.all([
    opponentRefs(
      ctx,
      all.map((tally) => tally.opponentId),
    ),
    challengeBreakdown(ctx, model.id, closed),
  ]);
  const matchups: Matchup[] = all
    .filter((tally) => refs.has(tally.opponentId))
    .map((tally) => {
      const games = tally.wins + tally.losses + tally.ties + tally.bothBad;
      return {
        arena: tally.arena,
        opponent: refs.get(tally.opponentId)!,
        games,
        wins: tally.wins,
        losses: tally.losses,
        ties: tally.ties,
        bothBad: tally.bothBad,
        winRate: tally.wins / games,
        lossRate: tally.losses / games,
        tieRate: (tally.ties + tally.bothBad) / games,
        challenges: breakdown.get(pairKey(tally.arena, tally.opponentId)) ?? [],
      };
    })
    .sort(
      (a, b) =>
        b.games - a.games ||
        a.arena.localeCompare(b.arena) ||
        a.opponent.slug.localeCompare(b.opponent.slug),
    );
  return { model, challenge: challenge?.ref ?? null, matchups };
}
