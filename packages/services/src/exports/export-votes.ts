import {
  ARENAS,
  EXPORT_COLUMNS,
  exportOutcome,
  type ExportedVote,
  type ExportFormat,
} from '@arena/core';
import { categories, challenges, models, votes } from '@arena/db';
import { and, asc, eq, not, sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { excludedVoters, excludedVotesCondition, voteVoided } from '../voters/exclusion';
import { csvRecord } from './csv';
import { voterHasher } from './voter-hash';

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  jsonl: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

const BATCH = 5_000;

interface ExportRow {
  id: string;
  /** created_at as Postgres prints it: the keyset cursor, to the microsecond. */
  cursorAt: string;
  categoryId: string;
  challengeId: string;
  leftModelId: string;
  rightModelId: string;
  outcome: (typeof votes.$inferSelect)['outcome'];
  voterId: string;
  createdAt: Date;
}

/**
 * Every counted vote, oldest first, as JSON lines or CSV, yielded in chunks of a few thousand
 * so that an export of millions of votes streams in constant memory. Pages are read by keyset
 * (arena, created_at, id) on the votes_arena_created index; the cursor is the database's own
 * timestamp text, because a JavaScript Date would drop its microseconds and repeat rows.
 *
 * Voter ids are replaced by a keyed hash. The challenge is named only once it is closed: while
 * it is open its results are not public, and per-challenge tallies would publish them.
 *
 * Excluded voters' votes (screening and bans, voters/exclusion.ts) and voided votes are left
 * out, as from the boards, so that the export recomputes the published leaderboards exactly.
 */
export async function* exportVotes(
  ctx: Pick<ServiceContext, 'db'>,
  input: { format: ExportFormat; salt: string },
): AsyncGenerator<string> {
  const hash = voterHasher(input.salt);
  const [modelRows, categoryRows, challengeRows] = await Promise.all([
    ctx.db.select({ id: models.id, slug: models.slug }).from(models),
    ctx.db.select({ id: categories.id, slug: categories.slug }).from(categories),
    ctx.db
      .select({ id: challenges.id, slug: challenges.slug, status: challenges.status })
      .from(challenges),
  ]);
  const modelSlug = new Map(modelRows.map((row) => [row.id, row.slug]));
  const categorySlug = new Map(categoryRows.map((row) => [row.id, row.slug]));
  const excluded = excludedVotesCondition(await excludedVoters(ctx));
  const publicChallenge = new Map(
    challengeRows.map((row) => [row.id, row.status === 'closed' ? row.slug : null]),
  );

  if (input.format === 'csv') yield csvRecord(EXPORT_COLUMNS);
  for (const arena of ARENAS) {
    let cursor: { at: string; id: string } | null = null;
    for (;;) {
      const page: ExportRow[] = await ctx.db
        .select({
          id: votes.id,
          cursorAt: sql<string>`${votes.createdAt}::text`,
          categoryId: votes.categoryId,
          challengeId: votes.challengeId,
          leftModelId: votes.leftModelId,
          rightModelId: votes.rightModelId,
          outcome: votes.outcome,
          voterId: votes.voterId,
          createdAt: votes.createdAt,
        })
        .from(votes)
        .where(
          and(
            eq(votes.arena, arena),
            eq(votes.counted, true),
            excluded ? not(excluded) : undefined,
            not(voteVoided),
            cursor
              ? sql`(${votes.createdAt}, ${votes.id}) > (${cursor.at}::timestamptz, ${cursor.id}::uuid)`
              : undefined,
          ),
        )
        .orderBy(asc(votes.createdAt), asc(votes.id))
        .limit(BATCH);
      if (page.length === 0) break;
      let chunk = '';
      for (const row of page) {
        const vote: ExportedVote = {
          arena,
          category: categorySlug.get(row.categoryId)!,
          challenge: publicChallenge.get(row.challengeId) ?? null,
          model_a: modelSlug.get(row.leftModelId)!,
          model_b: modelSlug.get(row.rightModelId)!,
          outcome: exportOutcome(row.outcome),
          voter: hash(row.voterId),
          created_at: row.createdAt.toISOString(),
        };
        chunk +=
          input.format === 'jsonl'
            ? JSON.stringify(vote) + '\n'
            : csvRecord(EXPORT_COLUMNS.map((column) => vote[column]));
      }
      yield chunk;
      const last = page[page.length - 1]!;
      cursor = { at: last.cursorAt, id: last.id };
      if (page.length < BATCH) break;
    }
  }
}
