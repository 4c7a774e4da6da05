/**
 * `pnpm bench`: the leaderboard recompute job on synthetic arenas in real Postgres, with the
 * per-battle bootstrap of public arenas' notebooks measured beside it in the same run.
 *
 *   pnpm bench [--reps N] [--peer-rounds B] [--only 100k|1m|battles]
 *
 * Each size gets its own database cloned from the migrated template (as the tests do), seeded
 * in SQL, then every measurement runs in a fresh child process (scripts/bench/measure.ts) so
 * that its peak RSS is its own. Times are medians of the repetitions.
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createTestDatabase } from '@arena/testing';
import { benchBattleIssue } from './bench/battle-issue';
import type { PeerRun } from './bench/per-battle-bootstrap';
import { seedVotes, type BenchArena } from './bench/seed-votes';

const { values } = parseArgs({
  options: {
    reps: { type: 'string', default: '3' },
    'peer-rounds': { type: 'string', default: '10' },
    only: { type: 'string' },
  },
});
const REPS = Number(values.reps);
const PEER_ROUNDS = Number(values['peer-rounds']);
const ROUNDS = 100;
const ROOT = fileURLToPath(new URL('..', import.meta.url));

const SIZES: (BenchArena & { label: string })[] = [
  { label: '100k', models: 20, votes: 100_000, categories: 8, challengesPerCategory: 2 },
  { label: '1m', models: 50, votes: 1_000_000, categories: 8, challengesPerCategory: 2 },
].filter((size) => !values.only || size.label === values.only);

interface Measurement {
  runs: { ms: number; details: unknown }[];
  baselineRss: number;
  maxRss: number;
}

function measure(url: string, kind: string, rounds: number): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--conditions=@arena/source',
        '--import',
        'tsx',
        'scripts/bench/measure.ts',
        '--url',
        url,
        '--kind',
        kind,
        '--reps',
        String(REPS),
        '--rounds',
        String(rounds),
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop()!))
        : reject(new Error(`${kind} exited ${code}`)),
    );
  });
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const seconds = (ms: number) => (ms / 1000).toFixed(2);

const table: Record<string, string | number>[] = [];
for (const size of SIZES) {
  const database = await createTestDatabase();
  try {
    const seeded = performance.now();
    await seedVotes(database.handle.db, size);
    const seedMs = performance.now() - seeded;
    const scopes = `1 + ${size.categories}`;
    const name = `${size.models} models / ${size.votes.toLocaleString('en-US')} votes`;
    console.error(`${name}: seeded in ${seconds(seedMs)} s`);

    const aggregate = await measure(database.url, 'aggregate', ROUNDS);
    const job = await measure(database.url, 'job', ROUNDS);
    const close = await measure(database.url, 'close', ROUNDS);
    const row = (what: string, m: Measurement, times: number[], scopeText = scopes) => ({
      arena: name,
      what,
      scopes: scopeText,
      'median s': times.length > 0 ? seconds(median(times)) : '',
      'runs s': times.map(seconds).join(' '),
      'peak RSS MB': times.length > 0 ? mb(m.maxRss) : '',
      'RSS at start MB': times.length > 0 ? mb(m.baselineRss) : '',
    });
    const times = (m: Measurement) => m.runs.map((run) => run.ms);
    // The job's own account of its median run: count, SQL aggregation, fits, writes.
    const medianRun = [...job.runs].sort((a, b) => a.ms - b.ms)[Math.floor(job.runs.length / 2)]!;
    const phases = (medianRun.details as { phases: Record<string, number> }).phases;
    table.push(
      row(
        `recompute job: SQL aggregation, fits, ${ROUNDS} bootstrap rounds, writes`,
        job,
        times(job),
      ),
      row(
        `  its median run: ${Object.entries(phases)
          .map(([phase, ms]) => `${phase.replace('Ms', '')} ${seconds(ms)}`)
          .join(', ')} s`,
        job,
        [],
        '',
      ),
      row(
        '  the SQL aggregation alone',
        aggregate,
        times(aggregate),
        `${(aggregate.runs[0]!.details as { rows: number }).rows} rows`,
      ),
      row(
        `closing a challenge: its own leaderboard (${size.votes / (size.categories * size.challengesPerCategory)} votes)`,
        close,
        times(close),
        '1',
      ),
    );
    const peer = await measure(database.url, 'peer', PEER_ROUNDS);
    // Rounds cost the same each; the loading and point fits happen once whatever the rounds.
    const estimate = peer.runs.map(({ ms, details }) => {
      const { roundsMs } = details as PeerRun;
      return ms + roundsMs * (ROUNDS / PEER_ROUNDS - 1);
    });
    table.push(
      row(
        PEER_ROUNDS === ROUNDS
          ? `peer: per-battle bootstrap, ${ROUNDS} rounds`
          : `peer: per-battle bootstrap, ${PEER_ROUNDS} rounds run, rounds' time scaled to ${ROUNDS}`,
        peer,
        estimate,
      ),
    );
  } finally {
    await database.drop();
  }
}

if (SIZES.length > 0) {
  console.log(
    `\nLeaderboard recompute, medians of ${REPS} runs; each measurement in its own process; ` +
      `load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
  );
  console.table(table);
  console.log(
    `scopes: the arena overall + each category, each its own fit with ${ROUNDS}-round bootstrap intervals; ` +
      `${SIZES[0]?.challengesPerCategory ?? 0} open challenges per category (a challenge's own board is fitted when it closes)`,
  );
}

if (!values.only || values.only === 'battles') {
  const battles = await benchBattleIssue();
  const base = battles[0]!.p50Ms;
  console.log(
    '\nBattle issue (the service of POST /api/battles), one connection, 400 battles a size:',
  );
  console.table(
    battles.map((row) => ({
      'open answers': row.openAnswers.toLocaleString('en-US'),
      'first battle ms (builds the index)': row.firstMs.toFixed(0),
      'p50 ms': row.p50Ms.toFixed(1),
      'p99 ms': row.p99Ms.toFixed(1),
      'battles/s': row.perSecond.toFixed(0),
      'p50 / p50 at the smallest': (row.p50Ms / base).toFixed(2),
    })),
  );
}
