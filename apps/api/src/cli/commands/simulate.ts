import { parseArgs } from 'node:util';
import { runSimulationSeries } from '@arena/core';
import { UsageError } from '../usage-error';

const USAGE = `usage: pnpm arena simulate [--models N] [--votes N] [--seeds N] [--seed S]
       [--tau T] [--width W] [--spread ELO] [--bootstrap N]`;

function numberFlag(values: Record<string, string | undefined>, name: string, fallback: number) {
  const text = values[name];
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new UsageError(`--${name} needs a number\n${USAGE}`);
  return value;
}

/**
 * `pnpm arena simulate`: voters simulated from known model strengths (ties and both-bad
 * included), once with our matchmaking and once with uniform random pairing, reporting how many
 * votes each needs before the ranking is right (Kendall tau against the truth) and the mean 95%
 * interval is narrower than a target, and how often the intervals cover the truth.
 */
export async function simulateCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: Object.fromEntries(
      ['models', 'votes', 'seeds', 'seed', 'tau', 'width', 'spread', 'bootstrap'].map((name) => [
        name,
        { type: 'string' as const },
      ]),
    ),
  }) as { values: Record<string, string | undefined> };
  const models = numberFlag(values, 'models', 20);
  const first = numberFlag(values, 'seed', 1);
  const seeds = Array.from({ length: numberFlag(values, 'seeds', 8) }, (_, i) => first + i);
  const options = {
    models,
    spread: numberFlag(values, 'spread', 400),
    // "Ranking right" as the exact order by default, and intervals of +-20 Elo.
    tauTarget: numberFlag(values, 'tau', 1),
    widthTarget: numberFlag(values, 'width', 40),
    maxVotes: numberFlag(values, 'votes', 1500 * models),
    finalBootstrapRounds: numberFlag(values, 'bootstrap', 100),
  };
  const started = performance.now();
  const { runs, summary } = runSimulationSeries(options, seeds);
  console.log(
    `${models} models, ${options.spread} Elo from first to last, ${options.maxVotes} votes per run, ` +
      `seeds ${seeds.join(',')}; targets: Kendall tau >= ${options.tauTarget} and mean 95% interval ` +
      `width <= ${options.widthTarget} Elo, each held to the end of the run`,
  );
  console.table(
    runs.flatMap((run) =>
      run.policies.map((policy) => ({
        seed: run.seed,
        policy: policy.policy,
        'votes to tau': policy.votesToTau ?? 'never',
        'votes to width': policy.votesToWidth ?? 'never',
        'final tau': Number(policy.finalTau.toFixed(3)),
        'final width': Number(policy.finalMeanWidth.toFixed(1)),
        'sandwich coverage': Number(policy.coverage.toFixed(2)),
        'bootstrap coverage':
          policy.bootstrapCoverage === null ? '-' : Number(policy.bootstrapCoverage.toFixed(2)),
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
      'sandwich coverage': Number(row.meanCoverage.toFixed(3)),
      'bootstrap coverage':
        row.meanBootstrapCoverage === null ? '-' : Number(row.meanBootstrapCoverage.toFixed(3)),
    })),
  );
  const [ours, uniform] = summary;
  if (ours?.medianVotesToTau && uniform?.medianVotesToTau) {
    console.log(
      `matchmaking needs ${((100 * ours.medianVotesToTau) / uniform.medianVotesToTau).toFixed(0)}% of uniform pairing's votes to rank right` +
        (ours.medianVotesToWidth && uniform.medianVotesToWidth
          ? `, ${((100 * ours.medianVotesToWidth) / uniform.medianVotesToWidth).toFixed(0)}% to reach the width target`
          : ''),
    );
  }
  console.log(`${((performance.now() - started) / 1000).toFixed(1)} s`);
}
