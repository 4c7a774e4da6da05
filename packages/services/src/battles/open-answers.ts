import { OVERALL_SCOPE, type Arena } from '@arena/core';
import { categories, challenges, generations, type Database } from '@arena/db';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';

/** Running sums of a scope's pair scores, in `ScopeAnswers.pairs` order (pair-weights.ts). */
export interface PairWeights {
  cumulative: Float64Array;
}

/** What battles of one scope (the arena overall, or one category) can be drawn from. */
export interface ScopeAnswers {
  /** Models that answered at least one open challenge of the scope, in id order. */
  models: string[];
  /** Per model, the open challenges of the scope it answered. */
  challengesOf: Map<string, string[]>;
  /** Pairs of models with an open challenge in common, in (a, b) id order, a < b. */
  pairs: Array<{ a: string; b: string }>;
  /** Pair weights per published snapshot (pair-weights.ts), made on first use. */
  weights: Map<string, PairWeights>;
}

/** The open challenges of an arena and their finished answers, indexed for battle issue. */
export interface OpenAnswers {
  version: string;
  builtAt: number;
  /** Per open challenge: its category and, per model, the generation ids of its answers. */
  challenges: Map<string, { categoryId: string; attempts: Map<string, string[]> }>;
  /** The arena's category ids by slug (every category, open challenges or not). */
  categoryIds: Map<string, string>;
  /** OVERALL_SCOPE and each category id with an open challenge. */
  scopes: Map<string, ScopeAnswers>;
}

/**
 * Rebuilt at least this often even when the version has not moved: the version is bumped by
 * a statement before its transaction commits, so a rebuild in between could miss the change.
 */
const MAX_AGE_MS = 30_000;

interface Entry {
  current?: OpenAnswers;
  rebuilding?: Promise<OpenAnswers>;
}
const entries = new WeakMap<Database, Map<Arena, Entry>>();

function entryOf(db: Database, arena: Arena): Entry {
  let byArena = entries.get(db);
  if (!byArena) entries.set(db, (byArena = new Map()));
  let entry = byArena.get(arena);
  if (!entry) byArena.set(arena, (entry = {}));
  return entry;
}

/** The open answers' version, as SQL: moved by triggers on challenges and generations. */
export const OPEN_ANSWERS_VERSION_SQL = sql`(select last_value::text || ':' || is_called::text from open_answers_version)`;

/** The open answers' version: moved by triggers on challenges and generations (migration 0006). */
async function readVersion(ctx: Pick<ServiceContext, 'db'>): Promise<string> {
  const [row] = await ctx.db
    .select({ version: sql<string>`${OPEN_ANSWERS_VERSION_SQL}` })
    .from(sql`(select 1) one`);
  return row!.version;
}

/**
 * The arena's open answers, kept in memory per database and rebuilt only when the version
 * moved: a battle costs one read of a sequence, not a scan of every open answer. The request
 * that sees the change waits for the rebuild; requests arriving while it runs are served the
 * previous index (their choice is checked against the database before it is stored).
 */
export async function openAnswers(
  ctx: Pick<ServiceContext, 'db' | 'logger'>,
  arena: Arena,
  /** The version, when the caller read it with its other inputs (battle-inputs.ts). */
  knownVersion?: string,
): Promise<OpenAnswers> {
  const version = knownVersion ?? (await readVersion(ctx));
  const entry = entryOf(ctx.db, arena);
  const { current } = entry;
  if (current && current.version === version && Date.now() - current.builtAt < MAX_AGE_MS) {
    return current;
  }
  if (entry.rebuilding && current) return current;
  return (entry.rebuilding ??= rebuild(ctx, arena, entry, version));
}

/**
 * An index built after this call, whatever the version says: for a choice the database has
 * just refused (a bump the version read missed). A rebuild already running may have read the
 * tables before the refusal's cause, so it is waited for and a new one follows it.
 */
export async function freshOpenAnswers(
  ctx: Pick<ServiceContext, 'db' | 'logger'>,
  arena: Arena,
): Promise<OpenAnswers> {
  const entry = entryOf(ctx.db, arena);
  await entry.rebuilding?.catch(() => undefined);
  return (entry.rebuilding ??= rebuild(ctx, arena, entry, await readVersion(ctx)));
}

/** One build, published to the entry when done; the entry's single flight while it runs. */
function rebuild(
  ctx: Pick<ServiceContext, 'db'>,
  arena: Arena,
  entry: Entry,
  version: string,
): Promise<OpenAnswers> {
  return buildOpenAnswers(ctx, arena, version)
    .then((built) => {
      entry.current = built;
      return built;
    })
    .finally(() => {
      entry.rebuilding = undefined;
    });
}

async function buildOpenAnswers(
  ctx: Pick<ServiceContext, 'db'>,
  arena: Arena,
  version: string,
): Promise<OpenAnswers> {
  const [rows, categoryRows] = await Promise.all([
    ctx.db
      .select({
        id: generations.id,
        challengeId: generations.challengeId,
        modelId: generations.modelId,
        categoryId: challenges.categoryId,
      })
      .from(generations)
      .innerJoin(challenges, eq(challenges.id, generations.challengeId))
      .where(
        and(
          eq(challenges.arena, arena),
          eq(challenges.status, 'voting'),
          eq(generations.status, 'succeeded'),
          // Hidden by a moderator or disqualified by an operator: never in a new battle.
          isNull(generations.hiddenAt),
          isNull(generations.disqualifiedAt),
        ),
      ),
    ctx.db
      .select({ id: categories.id, slug: categories.slug })
      .from(categories)
      .where(eq(categories.arena, arena)),
  ]);
  return indexOpenAnswers(rows, categoryRows, version);
}

/** One finished answer to an open challenge, as the index is built from. */
export interface OpenAnswerRow {
  id: string;
  challengeId: string;
  modelId: string;
  categoryId: string;
}

/** The index over an arena's open answers (pure: the database part is buildOpenAnswers). */
export function indexOpenAnswers(
  rows: readonly OpenAnswerRow[],
  categoryRows: ReadonlyArray<{ id: string; slug: string }>,
  version: string,
): OpenAnswers {
  const open: OpenAnswers['challenges'] = new Map();
  for (const row of rows) {
    let challenge = open.get(row.challengeId);
    if (!challenge) {
      challenge = { categoryId: row.categoryId, attempts: new Map() };
      open.set(row.challengeId, challenge);
    }
    const attempts = challenge.attempts.get(row.modelId);
    if (attempts) attempts.push(row.id);
    else challenge.attempts.set(row.modelId, [row.id]);
  }
  const byScope = new Map<string, string[]>([[OVERALL_SCOPE, []]]);
  for (const [challengeId, challenge] of open) {
    byScope.get(OVERALL_SCOPE)!.push(challengeId);
    const list = byScope.get(challenge.categoryId);
    if (list) list.push(challengeId);
    else byScope.set(challenge.categoryId, [challengeId]);
  }
  const scopes = new Map<string, ScopeAnswers>();
  for (const [scope, challengeIds] of byScope) {
    scopes.set(scope, indexScope(open, challengeIds));
  }
  return {
    version,
    builtAt: Date.now(),
    challenges: open,
    categoryIds: new Map(categoryRows.map((row) => [row.slug, row.id])),
    scopes,
  };
}

/**
 * One scope's models, their challenges and the pairs that have a challenge in common. Pairs
 * are marked in a models x models bitmap, challenge by challenge: a few milliseconds for 100
 * models x 1,000 challenges, and done only when the open answers change.
 */
function indexScope(open: OpenAnswers['challenges'], challengeIds: string[]): ScopeAnswers {
  const challengesOf = new Map<string, string[]>();
  for (const challengeId of challengeIds) {
    for (const modelId of open.get(challengeId)!.attempts.keys()) {
      const list = challengesOf.get(modelId);
      if (list) list.push(challengeId);
      else challengesOf.set(modelId, [challengeId]);
    }
  }
  const models = [...challengesOf.keys()].sort();
  const index = new Map(models.map((id, i) => [id, i]));
  const n = models.length;
  const together = new Uint8Array(n * n);
  for (const challengeId of challengeIds) {
    const present = [...open.get(challengeId)!.attempts.keys()].map((id) => index.get(id)!);
    for (let x = 0; x < present.length; x += 1) {
      for (let y = 0; y < present.length; y += 1) together[present[x]! * n + present[y]!] = 1;
    }
  }
  const pairs: ScopeAnswers['pairs'] = [];
  for (let a = 0; a < n; a += 1) {
    for (let b = a + 1; b < n; b += 1) {
      if (together[a * n + b]) pairs.push({ a: models[a]!, b: models[b]! });
    }
  }
  return { models, challengesOf, pairs, weights: new Map() };
}
