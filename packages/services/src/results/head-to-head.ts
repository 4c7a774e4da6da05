import type { HeadToHead, Matchup } from '@arena/contract';
import { OVERALL_SCOPE, type Arena } from '@arena/core';
import { models } from '@arena/db';
import { inArray } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { challengeScope } from '../leaderboards/scopes';
import { latestSnapshot, type Snapshot } from '../leaderboards/snapshot-reads';
import { findModel } from './find-model';
import { findPublishedChallenge, type PublishedChallenge } from './published-challenge';

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

async function opponentRefs(ctx: Pick<ServiceContext, 'db'>, ids: readonly string[]) {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db
    .select({ id: models.id, slug: models.slug, name: models.name, creator: models.creator })
    .from(models)
    .where(inArray(models.id, [...ids]));
  return new Map(rows.map((row) => [row.id, row]));
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
  const refs = await opponentRefs(
    ctx,
    all.map((tally) => tally.opponentId),
  );
  const matchups: Matchup[] = all
    .filter((tally) => refs.has(tally.opponentId))
    .map((tally) => {
      const games = tally.wins + tally.losses + tally.ties + tally.bothBad;
      return {
        arena: tally.arena,
        opponent: refs.get(tally.opponentId),
        games,
        wins: tally.wins,
        losses: tally.losses,
        ties: tally.ties,
        bothBad: tally.bothBad,
        winRate: tally.wins / games,
        lossRate: tally.losses / games,
        tieRate: (tally.ties + tally.bothBad) / games,
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
