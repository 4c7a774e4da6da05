import { DEFAULT_SCREENING, type Arena, type FitRatings, type ScreeningOptions } from '@arena/core';
import { voters } from '@arena/db';
import { and, asc, gt, sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { voterExcluded } from './exclusion';
import { publishedFits } from './published-fits';
import { anyFlagged, screenArenaRecords } from './screen-record';
import { summariseSuspicion } from './suspicion';
import { loadRecords, type ArenaRecord } from './voter-records';

export interface ScreenVotersResult {
  /** Voters judged in this run. */
  screened: number;
  /** Voters flagged in this run. */
  flagged: string[];
  /** Every voter with votes new to screening in this run, judged or not. */
  candidates: string[];
}

const BATCH = 500;

interface Candidate {
  id: string;
  votesCast: number;
  /** cleared_at as Postgres prints it, to compare exactly when writing the verdict. */
  clearedAt: string | null;
  excluded: boolean;
}

/**
 * Screens every voter who cast votes since they were last screened, against each arena's
 * published overall fit (core `screenVoter`: the outlier, favouritism and selectivity tests),
 * and flags the suspicious: `suspected_at` and a `suspicion` for operators. A flagged voter's
 * votes leave the boards and the export (voters/exclusion.ts) until an operator clears them.
 *
 * The watermark is a vote counter: `votes_cast` (kept by a trigger on votes) against
 * `votes_screened`, so a run reads only the voters in the partial index voters_unscreened, and
 * judges each on their whole record since their last clearance (a cleared voter is judged on
 * later votes only). The false-positive budget is split between the arenas a voter is judged
 * in. A voter with votes in an arena that has no board yet keeps the watermark until it has one;
 * a voter already excluded is not judged again (an operator decides), only moved past.
 */
export async function screenVoters(
  ctx: Pick<ServiceContext, 'db' | 'now' | 'logger'>,
  input: { options?: Partial<ScreeningOptions> } = {},
): Promise<ScreenVotersResult> {
  const options = { ...DEFAULT_SCREENING, ...input.options };
  const result: ScreenVotersResult = { screened: 0, flagged: [], candidates: [] };
  const fits = await publishedFits(ctx);
  if (fits.size === 0) return result;
  let after = '';
  for (;;) {
    const batch: Candidate[] = await ctx.db
      .select({
        id: voters.id,
        votesCast: voters.votesCast,
        clearedAt: sql<string | null>`${voters.clearedAt}::text`,
        excluded: sql<boolean>`${voterExcluded}`,
      })
      .from(voters)
      .where(
        and(
          sql`${voters.votesCast} > ${voters.votesScreened}`,
          after ? gt(voters.id, after) : undefined,
        ),
      )
      .orderBy(asc(voters.id))
      .limit(BATCH);
    if (batch.length === 0) break;
    after = batch[batch.length - 1]!.id;
    result.candidates.push(...batch.map((voter) => voter.id));
    await screenBatch(ctx, batch, fits, options, result);
    if (batch.length < BATCH) break;
  }
  if (result.flagged.length > 0) {
    ctx.logger.warn({ flagged: result.flagged }, 'screening flagged voters');
  }
  return result;
}

async function screenBatch(
  ctx: Pick<ServiceContext, 'db' | 'now'>,
  batch: readonly Candidate[],
  fits: ReadonlyMap<Arena, FitRatings>,
  options: ScreeningOptions,
  result: ScreenVotersResult,
): Promise<void> {
  const judged = batch.filter((voter) => !voter.excluded);
  const records = await loadRecords(ctx, { by: 'voter', keys: judged.map((voter) => voter.id) });
  const done: Candidate[] = batch.filter((voter) => voter.excluded);
  for (const voter of judged) {
    const byArena = records.get(voter.id) ?? new Map<Arena, ArenaRecord>();
    const screenings = screenArenaRecords(byArena, fits, options);
    // No board to judge against yet: keep the watermark, judge once there is one.
    if (!screenings) continue;
    result.screened += 1;
    if (anyFlagged(screenings)) {
      if (await flag(ctx, voter, summariseSuspicion(screenings))) result.flagged.push(voter.id);
    } else {
      done.push(voter);
    }
  }
  await advanceWatermarks(ctx, done);
}

/**
 * Flags one voter, unless an operator cleared them since the batch was read (the verdict was
 * then reached on votes the operator has vouched for); returns whether it did.
 */
async function flag(
  ctx: Pick<ServiceContext, 'db' | 'now'>,
  voter: Candidate,
  suspicion: ReturnType<typeof summariseSuspicion>,
): Promise<boolean> {
  const updated = await ctx.db
    .update(voters)
    .set({ suspectedAt: ctx.now(), suspicion, votesScreened: voter.votesCast })
    .where(
      and(
        sql`${voters.id} = ${voter.id}::uuid`,
        sql`${voters.clearedAt} is not distinct from ${voter.clearedAt}::timestamptz`,
      ),
    )
    .returning({ id: voters.id });
  return updated.length > 0;
}

/** Moves the watermark of voters judged innocent (or already excluded) past what was read. */
async function advanceWatermarks(
  ctx: Pick<ServiceContext, 'db'>,
  done: readonly Candidate[],
): Promise<void> {
  if (done.length === 0) return;
  const rows = sql.join(
    done.map((voter) => sql`(${voter.id}::uuid, ${voter.votesCast}::int)`),
    sql`, `,
  );
  // Never backwards: a concurrent run may have judged a longer record already.
  await ctx.db.execute(sql`
    update ${voters} set votes_screened = seen.n
    from (values ${rows}) as seen(id, n)
    where ${voters.id} = seen.id and ${voters.votesScreened} < seen.n`);
}
