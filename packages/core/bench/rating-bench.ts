/**
 * Speed and memory of the leaderboard statistics, on synthetic aggregated cells.
 *
 *   pnpm exec tsx packages/core/bench/rating-bench.ts [--seed S] [--rounds B]
 *   pnpm exec tsx packages/core/bench/rating-bench.ts --simulate [--models P] [--seeds K] [--spread E]
 *
 * The first form times, per leaderboard size, what the recompute job does for 9 scopes
 * (overall + 8 categories): one fit, B bootstrap rounds and the sandwich. The cost depends on
 * the number of pairs, not on the number of votes, because only counts are resampled.
 * The second form compares matchmaking with uniform pairing in simulation.
 */
import { loadavg } from 'node:os';
import { expectedScore } from '../src/elo';
import {
  bootstrapIntervals,
  createRng,
  DEFAULT_VOTER,
  fitBradleyTerry,
  runSimulationSeries,
  samplePoisson,
  sandwichIntervals,
  type PairCounts,
  type Rng,
} from '../src/rating';

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value)) throw new Error(`--${name} needs a number`);
  return value;
}

/** Cells for one scope: every pair played, volumes uneven like a real arena's. */
function syntheticCells(ratings: number[], votes: number, rng: Rng): PairCounts[] {
  const pairs: { a: number; b: number; weight: number }[] = [];
  for (let a = 0; a < ratings.length; a += 1) {
    for (let b = a + 1; b < ratings.length; b += 1)
      pairs.push({ a, b, weight: 0.2 + rng.nextFloat() });
  }
  const totalWeight = pairs.reduce((sum, pair) => sum + pair.weight, 0);
  const { maxDrawProbability, bothBadShare } = DEFAULT_VOTER;
  return pairs.map(({ a, b, weight }) => {
    const n = (votes * weight) / totalWeight;
    const s = expectedScore(ratings[a] as number, ratings[b] as number);
    const draw = maxDrawProbability * 4 * s * (1 - s);
    return {
      a,
      b,
      winsA: samplePoisson(n * (s - draw / 2), rng),
      winsB: samplePoisson(n * (1 - s - draw / 2), rng),
      ties: samplePoisson(n * draw * (1 - bothBadShare), rng),
      bothBad: samplePoisson(n * draw * bothBadShare, rng),
    };
  });
}

interface Row {
  label: string;
  scopes: number;
  cells: number;
  votes: number;
  fitMs: number;
  fitIterations: number;
  bootstrapMs: number;
  bootstrapIterations: number;
  sandwichMs: number;
  totalMs: number;
  cpuMs: number;
  heapMb: number;
  rssMb: number;
}

const mb = (bytes: number): number => bytes / 1024 / 1024;

function benchmark(
  label: string,
  models: number,
  votes: number,
  seed: number,
  rounds: number,
): Row {
  const rng = createRng(`${seed}:${label}`);
  const truth = Array.from({ length: models }, () => 1000 + 300 * (rng.nextFloat() - 0.5));
  // Overall carries every vote; the 8 categories split them.
  const scopes = [votes, ...Array.from({ length: 8 }, () => votes / 8)].map((scopeVotes) =>
    syntheticCells(
      truth.map((rating) => rating + 40 * (rng.nextFloat() - 0.5)),
      scopeVotes,
      rng,
    ),
  );
  let fitMs = 0;
  let fitIterations = 0;
  let bootstrapMs = 0;
  let bootstrapIterations = 0;
  let sandwichMs = 0;
  let heap = 0;
  let rss = 0;
  const cpuBefore = process.cpuUsage();
  scopes.forEach((cells, scope) => {
    const started = performance.now();
    const fit = fitBradleyTerry(cells, models);
    const fitted = performance.now();
    const bootstrap = bootstrapIntervals(cells, models, {
      fit,
      rounds,
      rng: createRng(`${seed}:${label}:${scope}`),
    });
    const bootstrapped = performance.now();
    sandwichIntervals(cells, models, { fit });
    const done = performance.now();
    fitMs += fitted - started;
    fitIterations += fit.iterations;
    bootstrapMs += bootstrapped - fitted;
    bootstrapIterations += bootstrap.meanIterations;
    sandwichMs += done - bootstrapped;
    const memory = process.memoryUsage();
    heap = Math.max(heap, memory.heapUsed);
    rss = Math.max(rss, memory.rss);
  });
  const cpu = process.cpuUsage(cpuBefore);
  return {
    label,
    scopes: scopes.length,
    cells: scopes[0]?.length ?? 0,
    votes,
    fitMs,
    fitIterations: fitIterations / scopes.length,
    bootstrapMs,
    bootstrapIterations: bootstrapIterations / scopes.length,
    sandwichMs,
    totalMs: fitMs + bootstrapMs + sandwichMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    heapMb: mb(heap),
    rssMb: mb(rss),
  };
}

function runBenchmarks(): void {
  const seed = flag('seed', 1);
  const rounds = flag('rounds', 100);
  const rows = [
    benchmark('20 models / 100k votes', 20, 100_000, seed, rounds),
    benchmark('50 models / 1M votes', 50, 1_000_000, seed, rounds),
    // The job runs once per process, so the rows above are the cold (JIT warming) figures.
    benchmark('50 models / 1M votes, again', 50, 1_000_000, seed + 1, rounds),
  ];
  // Other processes on a 2-core machine move wall times a lot; the load average says how much.
  const load = loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
  console.log(
    `9 scopes each (overall + 8 categories), ${rounds} bootstrap rounds, seed ${seed}; load average ${load}`,
  );
  console.table(
    rows.map((row) => ({
      size: row.label,
      'cells/scope': row.cells,
      'fit ms': row.fitMs.toFixed(1),
      'fit iters': row.fitIterations.toFixed(1),
      'bootstrap ms': row.bootstrapMs.toFixed(1),
      'boot passes': row.bootstrapIterations.toFixed(2),
      'sandwich ms': row.sandwichMs.toFixed(1),
      'total ms': row.totalMs.toFixed(1),
      'cpu ms': row.cpuMs.toFixed(1),
      'heap MB': row.heapMb.toFixed(1),
      'rss MB': row.rssMb.toFixed(1),
    })),
  );
  console.log(`peak RSS of the process: ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MB`);
}

function runSimulations(): void {
  const models = flag('models', 20);
  const spread = flag('spread', 400);
  const seeds = Array.from({ length: flag('seeds', 8) }, (_, i) => i + flag('seed', 1));
  const tauTarget = flag('tau', 1);
  const widthTarget = flag('width', 40);
  const maxVotes = flag('votes', 1500 * models);
  const started = performance.now();
  const { runs, summary } = runSimulationSeries(
    { models, spread, tauTarget, widthTarget, maxVotes, finalBootstrapRounds: flag('rounds', 0) },
    seeds,
  );
  console.log(
    `${models} models ${spread} Elo apart end to end, ${maxVotes} votes per run, seeds ${seeds.join(',')}; ` +
      `targets: Kendall tau >= ${tauTarget} and mean 95% width <= ${widthTarget} Elo, held to the end`,
  );
  console.table(
    runs.flatMap((run) =>
      run.policies.map((policy) => ({
        seed: run.seed,
        policy: policy.policy,
        'votes to tau': policy.votesToTau ?? 'never',
        'first tau hit': policy.firstVotesToTau ?? 'never',
        'votes to width': policy.votesToWidth ?? 'never',
        'final tau': policy.finalTau.toFixed(3),
        'final width': policy.finalMeanWidth.toFixed(1),
        coverage: policy.coverage.toFixed(2),
        'bootstrap coverage': policy.bootstrapCoverage?.toFixed(2) ?? '-',
      })),
    ),
  );
  console.table(
    summary.map((row) => ({
      policy: row.policy,
      'median votes to tau': row.medianVotesToTau ?? 'never',
      'median votes to width': row.medianVotesToWidth ?? 'never',
      'reached tau': `${row.reachedTau}/${row.runs}`,
      'reached width': `${row.reachedWidth}/${row.runs}`,
      'mean coverage': row.meanCoverage.toFixed(3),
      'mean bootstrap coverage': row.meanBootstrapCoverage?.toFixed(3) ?? '-',
    })),
  );
  console.log(`${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv.includes('--simulate')) runSimulations();
else runBenchmarks();
