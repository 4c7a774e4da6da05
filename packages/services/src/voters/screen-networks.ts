import { DEFAULT_SCREENING, type ScreeningOptions } from '@arena/core';
import { voters, votes } from '@arena/db';
import { and, eq, gte, inArray, isNotNull, not } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { voterExcluded } from './exclusion';
import { publishedFits } from './published-fits';
import { anyFlagged, screenArenaRecords } from './screen-record';
import { summariseSuspicion } from './suspicion';
import { loadRecords, sinceClearance } from './voter-records';

/** A network is judged on its votes of the last this many days. */
export const NETWORK_WINDOW_DAYS = 30;
const BATCH = 500;

export interface ScreenNetworksResult {
  /** Networks judged in this run. */
  screened: number;
  /** Voters flagged in this run for their network's votes. */
  flagged: string[];
}

/**
 * Screens the client networks (votes.address_key: an IPv4 address, an IPv6 /64) that the given
 * voters voted from, each on all of its votes of the last NETWORK_WINDOW_DAYS, whatever voter
 * cookies they carried, with the same tests as one voter. An attacker who takes a fresh
 * identity every few votes stays under each voter's minimum; their network does not.
 *
 * A flagged network flags every voter who voted from it since their clearance and is not
 * excluded yet, with the network's reasons: their votes leave the boards until an operator
 * clears them. Honest voters sharing the network (a café, an office) are flagged with it; an
 * operator clears them one by one.
 */
export async function screenNetworks(
  ctx: Pick<ServiceContext, 'db' | 'now' | 'logger'>,
  input: { voterIds: readonly string[]; options?: Partial<ScreeningOptions> },
): Promise<ScreenNetworksResult> {
  const options = { ...DEFAULT_SCREENING, ...input.options };
  const result: ScreenNetworksResult = { screened: 0, flagged: [] };
  if (input.voterIds.length === 0) return result;
  const fits = await publishedFits(ctx);
  if (fits.size === 0) return result;
  const since = new Date(ctx.now().getTime() - NETWORK_WINDOW_DAYS * 24 * 3600 * 1000);
  for (let start = 0; start < input.voterIds.length; start += BATCH) {
    const voterIds = input.voterIds.slice(start, start + BATCH);
    const networks = await ctx.db
      .selectDistinct({ key: votes.addressKey })
      .from(votes)
      .where(
        and(
          inArray(votes.voterId, voterIds),
          isNotNull(votes.addressKey),
          gte(votes.createdAt, since),
        ),
      );
    const keys = networks.map((row) => row.key!);
    const records = await loadRecords(ctx, { by: 'network', keys, since });
    for (const [key, byArena] of records) {
      const screenings = screenArenaRecords(byArena, fits, options);
      if (!screenings) continue;
      result.screened += 1;
      if (!anyFlagged(screenings)) continue;
      result.flagged.push(...(await flagNetwork(ctx, key, since, summariseSuspicion(screenings))));
    }
  }
  if (result.flagged.length > 0) {
    ctx.logger.warn({ flagged: result.flagged }, 'screening flagged voters for their network');
  }
  return result;
}

/** Flags the network's voters not excluded yet; returns their ids. */
async function flagNetwork(
  ctx: Pick<ServiceContext, 'db' | 'now'>,
  key: string,
  since: Date,
  suspicion: ReturnType<typeof summariseSuspicion>,
): Promise<string[]> {
  const members = await ctx.db
    .selectDistinct({ id: voters.id })
    .from(votes)
    .innerJoin(voters, eq(voters.id, votes.voterId))
    .where(
      and(
        eq(votes.addressKey, key),
        eq(votes.counted, true),
        gte(votes.createdAt, since),
        sinceClearance(votes.createdAt),
        not(voterExcluded),
      ),
    );
  if (members.length === 0) return [];
  const reasons = suspicion.reasons.map(
    (reason) => `votes from this voter's network (${members.length} voters): ${reason}`,
  );
  const flagged = await ctx.db
    .update(voters)
    .set({
      suspectedAt: ctx.now(),
      suspicion: {
        ...suspicion,
        reasons,
        statistics: { ...suspicion.statistics, network: { voters: members.length } },
      },
    })
    .where(
      and(
        inArray(
          voters.id,
          members.map((member) => member.id),
        ),
        not(voterExcluded),
      ),
    )
    .returning({ id: voters.id });
  return flagged.map((row) => row.id);
}
