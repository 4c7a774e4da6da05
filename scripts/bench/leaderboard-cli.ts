/**
 * `pnpm arena leaderboard --votes FILE` on a 1M-vote export, end to end (start-up, reading,
 * tallying, fits, bootstrap, output), against reference-fit.py, the same fit in numpy, run
 * alternately on the same file. Both children are timed from spawn to exit, their peak RSS
 * is measured, and their ratings are compared model by model.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChild, type ChildRun } from './child-run';
import { compareLeaderboards } from './compare-leaderboards';
import { alternate, median, type BenchResult } from './harness';
import { writeSyntheticExport } from './synthetic-export';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = 'apps/api/dist/cli/main.js';
const VOTES = 1_000_000;
const BOOTSTRAP_ROUNDS = 100;
const SEED = '1';
/** Ratings are the same fit: anything beyond round-off means the models differ. */
const MAX_ELO_DIFF = 0.5;

/**
 * Builds the CLI and what it imports, as `pnpm arena` does (turbo, cached: seconds when
 * nothing changed). Returns why the build failed when an earlier dist is measured instead.
 */
async function ensureCliBuilt(): Promise<string | undefined> {
  const child = spawn(
    'pnpm',
    ['exec', 'turbo', 'run', 'build', '--filter=@arena/api...', '--output-logs=errors-only'],
    { cwd: ROOT, env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' } },
  );
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code === 0) return undefined;
  if (!existsSync(join(ROOT, CLI))) throw new Error(`building the CLI failed:\n${output}`);
  return `build failed (exit ${code}), measured the existing ${CLI}`;
}

/** numpy's version, or why the peer cannot run. */
function numpyVersion(): { version?: string; missing?: string } {
  const probe = spawnSync('python3', ['-c', 'import numpy; print(numpy.__version__)'], {
    encoding: 'utf8',
  });
  if (probe.error) return { missing: 'python3 not found' };
  if (probe.status !== 0) return { missing: 'numpy not importable by python3' };
  return { version: probe.stdout.trim() };
}

/**
 * The peer's BLAS on one thread, as ours runs on one: its matrices (models x models, ~50 x 50)
 * are too small for threads to pay, and on a busy machine OpenBLAS's spinning threads cost it
 * seconds (measured: its fit phase 5.5 s with the default threads, 1.1 s with one).
 */
const PEER_ENV = {
  ...process.env,
  OPENBLAS_NUM_THREADS: '1',
  OMP_NUM_THREADS: '1',
  MKL_NUM_THREADS: '1',
};

const fixed = (x: number, digits: number) => Number(x.toFixed(digits));

export async function benchLeaderboardCli(opts: { rounds: number }): Promise<BenchResult[]> {
  const buildNote = await ensureCliBuilt();
  const numpy = numpyVersion();
  const dir = await mkdtemp(join(tmpdir(), 'arena-bench-leaderboard-'));
  try {
    const file = join(dir, 'votes.jsonl');
    const bytes = await writeSyntheticExport(file, { votes: VOTES });
    const settings = ['--bootstrap', String(BOOTSTRAP_ROUNDS), '--seed', SEED];
    const ours = () =>
      runChild(
        process.execPath,
        ['--enable-source-maps', CLI, 'leaderboard', '--votes', file, ...settings],
        { cwd: ROOT },
      );
    const peer = () =>
      runChild('python3', ['scripts/bench/reference-fit.py', file, ...settings], {
        cwd: ROOT,
        env: PEER_ENV,
      });

    const runs: { ours: ChildRun[]; peer: ChildRun[] } = numpy.version
      ? await alternate(opts.rounds, ours, peer)
      : { ours: await sequence(opts.rounds, ours), peer: [] };

    const extra: Record<string, string | number> = {
      votes: VOTES,
      'file MB': fixed(bytes / 2 ** 20, 0),
      'peak RSS ours MB': fixed(median(runs.ours.map((run) => run.peakRssMb)), 0),
    };
    if (runs.ours[0]!.rssMethod !== 'wait4') extra['RSS method'] = runs.ours[0]!.rssMethod;
    if (buildNote) extra.build = buildNote;
    const path = `pnpm arena leaderboard --votes (1M votes, ${BOOTSTRAP_ROUNDS} bootstrap rounds)`;
    const base = {
      id: 'cli.leaderboard-votes-1m',
      path,
      unit: 's',
      better: 'lower' as const,
      ours: runs.ours.map((run) => fixed(run.wallS, 3)),
    };
    const text = `no slower than numpy, within ${MAX_ELO_DIFF} Elo`;
    if (!numpy.version) {
      extra.peer = `none: ${numpy.missing}`;
      return [{ ...base, extra, target: { text, met: false } }];
    }

    // Every round of each side prints the same numbers (seeded); compare them all anyway.
    const agreement = runs.ours.map((run, i) =>
      compareLeaderboards(run.stdout, runs.peer[i]!.stdout),
    );
    const maxEloDiff = Math.max(...agreement.map((a) => a.maxRatingDiff));
    const mismatches = agreement.flatMap((a) => a.mismatches);
    extra['peak RSS numpy MB'] = fixed(median(runs.peer.map((run) => run.peakRssMb)), 0);
    extra['max |Δ Elo|'] = maxEloDiff;
    extra['max |Δ CI| Elo (Monte Carlo)'] = fixed(
      Math.max(...agreement.map((a) => a.maxIntervalDiff)),
      2,
    );
    extra.numpy = `${numpy.version}, one BLAS thread`;
    if (mismatches.length > 0) extra.mismatches = mismatches.slice(0, 3).join('; ');
    const peerValues = runs.peer.map((run) => fixed(run.wallS, 3));
    const met = median(base.ours) <= median(peerValues) && maxEloDiff < MAX_ELO_DIFF;
    return [
      {
        ...base,
        peer: { name: 'numpy reference', values: peerValues },
        extra,
        target: { text, met },
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function sequence<T>(rounds: number, run: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let round = 0; round < rounds; round += 1) out.push(await run());
  return out;
}
