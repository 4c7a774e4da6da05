/**
 * The leaderboard recompute job on synthetic arenas in real Postgres: each size gets its own
 * database cloned from the migrated template, seeded in SQL, and every measurement runs in a
 * fresh child process (measure.ts) so that its peak RSS is its own. The job's peer, a
 * vectorised numpy fit of the same model and bootstrap, is measured end to end on an export
 * in leaderboard-cli.ts; the database side has no peer doing the same work.
 */
import { spawn } from 'node:child_process';
import { createTestDatabase } from '@arena/testing';
import type { BenchResult } from './harness';
import { seedVotes, type BenchArena } from './seed-votes';
import { ROOT } from './spawn-api';

const ROUNDS = 100;

export const RECOMPUTE_SIZES: (BenchArena & { label: string })[] = [
  { label: '100k', models: 20, votes: 100_000, categories: 8, challengesPerCategory: 2 },
  { label: '1m', models: 50, votes: 1_000_000, categories: 8, challengesPerCategory: 2 },
];

interface Measurement {
  runs: { ms: number; details: unknown }[];
  baselineRss: number;
  maxRss: number;
}

function measure(url: string, kind: string, reps: number): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--conditions=@arena/source',
        '--import',
        'tsx',
        'scripts/bench/measure.ts',
        ...['--url', url, '--kind', kind, '--reps', String(reps), '--rounds', String(ROUNDS)],
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

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

export async function benchRecompute(opts: {
  rounds: number;
  size: (typeof RECOMPUTE_SIZES)[number];
}): Promise<BenchResult[]> {
  const { size } = opts;
  const database = await createTestDatabase();
  try {
    const seeded = performance.now();
    await seedVotes(database.handle.db, size);
    const name = `${size.models} models / ${size.votes.toLocaleString('en-US')} votes`;
    console.error(`${name}: seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);
    const job = await measure(database.url, 'job', opts.rounds);
    const aggregate = await measure(database.url, 'aggregate', opts.rounds);
    const close = await measure(database.url, 'close', opts.rounds);
    const seconds = (m: Measurement) => m.runs.map((run) => run.ms / 1000);
    const memory = (m: Measurement) => ({ 'peak RSS MB': mb(m.maxRss) });
    const phases = Object.entries(
      (job.runs[Math.floor(job.runs.length / 2)]!.details as { phases: Record<string, number> })
        .phases,
    )
      .map(([phase, ms]) => `${phase.replace('Ms', '')} ${(ms / 1000).toFixed(2)}`)
      .join(', ');
    return [
      {
        id: `recompute.${size.label}.job`,
        path: `recompute job, ${name}, 1 + ${size.categories} scopes, ${ROUNDS} bootstrap rounds`,
        unit: 's',
        better: 'lower',
        ours: seconds(job),
        extra: { ...memory(job), 'one run, s': phases },
      },
      {
        id: `recompute.${size.label}.aggregate`,
        path: `  its SQL aggregation alone`,
        unit: 's',
        better: 'lower',
        ours: seconds(aggregate),
        extra: memory(aggregate),
      },
      {
        id: `recompute.${size.label}.close`,
        path: `closing a challenge: its own board (${size.votes / (size.categories * size.challengesPerCategory)} votes)`,
        unit: 's',
        better: 'lower',
        ours: seconds(close),
        extra: memory(close),
      },
    ];
  } finally {
    await database.drop();
  }
}
