/**
 * One measurement in a fresh process, so that its peak RSS (the kernel's high-water mark of
 * the whole process) belongs to this job alone. Run by scripts/bench.ts; prints one JSON line.
 *
 *   tsx scripts/bench/measure.ts --url URL --kind job|aggregate|close --reps N [--rounds B]
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '@arena/db';
import { challenges, leaderboardSnapshots } from '@arena/db';
import { loadConfig } from '@arena/runtime';
import { challengeScope, publishChallengeResults, recomputeLeaderboards } from '@arena/services';
import { aggregateVotesByCategory, loadNames } from '@arena/services/internal';
import { eq, sql } from 'drizzle-orm';
import pino from 'pino';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    kind: { type: 'string' },
    reps: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '100' },
  },
});
const rounds = Number(values.rounds);
const handle = await openDatabase({ driver: 'postgres', url: values.url! });
const ctx = {
  db: handle.db,
  config: loadConfig({ LEADERBOARD_BOOTSTRAP_ROUNDS: String(rounds), LOG_LEVEL: 'silent' }),
  logger: pino({ level: 'silent' }),
  now: () => new Date(),
};
const [challenge] = await ctx.db.select({ id: challenges.id }).from(challenges).limit(1);
const baselineRss = process.memoryUsage().rss;
const runs: { ms: number; details: unknown }[] = [];
for (let rep = 0; rep < Number(values.reps); rep += 1) {
  // Every run starts without snapshots (untimed), so the job takes its real path with every
  // scope new: the count, the aggregation, all the fits and all the writes.
  if (values.kind === 'job') await ctx.db.execute(sql`delete from leaderboard_snapshots`);
  if (values.kind === 'close') {
    await ctx.db
      .delete(leaderboardSnapshots)
      .where(eq(leaderboardSnapshots.scope, challengeScope(challenge!.id)));
  }
  const started = performance.now();
  let details: unknown;
  if (values.kind === 'job') {
    details = await recomputeLeaderboards(ctx);
  } else if (values.kind === 'aggregate') {
    const names = await loadNames(ctx);
    const rows = await aggregateVotesByCategory(ctx, { arenas: ['text-to-image'], names });
    details = { rows: rows.length };
  } else if (values.kind === 'close') {
    // What closing a challenge adds: its own leaderboard, from its votes alone.
    details = await publishChallengeResults(ctx, { challengeIds: [challenge!.id] });
  } else {
    throw new Error(`unknown kind ${values.kind}`);
  }
  runs.push({ ms: performance.now() - started, details });
}
await handle.close();
console.log(
  JSON.stringify({
    runs,
    baselineRss,
    maxRss: process.resourceUsage().maxRSS * 1024,
  }),
);
