import { notFound } from '@arena/core';
import { battles, challenges, generations, images, type Database } from '@arena/db';
import { and, eq, isNull, or, sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import type { ImageBytes } from '../images/image-bytes';
import { battleImageVariant, type BattleImageRow } from './battle-image-variants';

const token = sql.placeholder('token');
const isLeft = sql<boolean>`${battles.leftImageToken} = ${token}`;

/**
 * The side of a battle behind an image token, for one voter, and whether that side has been
 * fetched before. A prepared statement: the database plans it once per connection, not on
 * every fetch (planning this join cost several times its execution).
 */
function prepareLookup(db: Database) {
  return db
    .select({
      battleId: battles.id,
      isLeft,
      challengeId: battles.challengeId,
      aspectRatio: challenges.aspectRatio,
      resolution: challenges.resolution,
      storageKey: images.storageKey,
      seenAt: sql<unknown>`case when ${isLeft} then ${battles.leftSeenAt} else ${battles.rightSeenAt} end`,
    })
    .from(battles)
    .innerJoin(
      generations,
      eq(
        generations.id,
        sql`case when ${isLeft} then ${battles.leftGenerationId} else ${battles.rightGenerationId} end`,
      ),
    )
    .innerJoin(images, eq(images.id, generations.imageId))
    .innerJoin(challenges, eq(challenges.id, battles.challengeId))
    .where(
      and(
        or(eq(battles.leftImageToken, token), eq(battles.rightImageToken, token)),
        eq(battles.voterId, sql.placeholder('voterId')),
      ),
    )
    .prepare('battle_image_lookup');
}

/** The first fetch of a side, recorded once: a concurrent first fetch keeps the earlier time. */
function prepareRecord(db: Database, side: 'left' | 'right') {
  const now = sql`${sql.placeholder('now')}::timestamptz`;
  const left = side === 'left';
  return db
    .update(battles)
    .set(left ? { leftSeenAt: now } : { rightSeenAt: now })
    .where(
      and(
        eq(battles.id, sql.placeholder('battleId')),
        isNull(left ? battles.leftSeenAt : battles.rightSeenAt),
      ),
    )
    .prepare(`battle_image_seen_${side}`);
}

type Statements = {
  lookup: ReturnType<typeof prepareLookup>;
  left: ReturnType<typeof prepareRecord>;
  right: ReturnType<typeof prepareRecord>;
};
const prepared = new WeakMap<Database, Statements>();

function statementsFor(db: Database): Statements {
  let statements = prepared.get(db);
  if (!statements) {
    statements = {
      lookup: prepareLookup(db),
      left: prepareRecord(db, 'left'),
      right: prepareRecord(db, 'right'),
    };
    prepared.set(db, statements);
  }
  return statements;
}

/**
 * One side of a battle, for the voter it was issued to only (anyone else, or no voter, gets
 * the same 404 as an unknown token). The first fetch of each side is recorded before the image
 * is answered: a vote needs both, and the viewing time runs from the later one.
 *
 * A fetch costs the token lookup (one prepared statement); the first fetch of a side also
 * writes its record. The variant itself is served from memory once rendered
 * (battle-image-variants.ts).
 */
export async function readBattleImage(
  ctx: Pick<ServiceContext, 'db' | 'store' | 'logger' | 'now'>,
  input: { token: string; voterId: string | undefined },
): Promise<ImageBytes> {
  if (!input.voterId) throw notFound('image_not_found', 'no such image');
  const { token, voterId } = input;
  const statements = statementsFor(ctx.db);
  const [row] = await statements.lookup.execute({ token, voterId });
  if (!row) throw notFound('image_not_found', 'no such image');
  const side = row.isLeft ? 'left' : 'right';
  if (row.seenAt === null) {
    await statements[side].execute({ battleId: row.battleId, now: ctx.now().toISOString() });
  }
  const battleSide: BattleImageRow = {
    battleId: row.battleId,
    voterId,
    side,
    challengeId: row.challengeId,
    aspectRatio: row.aspectRatio,
    resolution: row.resolution,
    storageKey: row.storageKey,
  };
  return { bytes: await battleImageVariant(ctx, token, battleSide), contentType: 'image/webp' };
}
