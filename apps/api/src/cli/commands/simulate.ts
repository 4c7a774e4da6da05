import { parseArgs } from 'node:util';
import { runSimulationSeries } from '@arena/core';
import { UsageError } from '../usage-error';

const USAGE = `usage: pnpm arena simulate [--models N] [--votes N] [--seeds N] [--seed S]
       [--tau T] [--width W] [--spread ELO] [--bootstrap N] [--per-seed]`;

function numberFlag(values: Record<string, string | undefined>, name: string, fallback: number) {
  const text = values[name];
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new UsageError(`--${name} needs a number\n${USAGE}`);
  return value;
}

/** A count: a whole number of at least `min`. */
function countFlag(
  values: Record<string, string | undefined>,
  name: string,
  fallback: number,
  min = 1,
) {
  const value = numberFlag(values, name, fallback);
  if (!Number.isInteger(value) || value < min)
    throw new UsageError(`--${name} needs a whole number of at least ${min}\n${USAGE}`);
  return value;
}

/**
 * `pnpm arena simulate`: voters simulated from known model strengths (ties and both-bad
 * included), once with our matchmaking and once with uniform random pairing, reporting how many
 * votes each needs before the ranking is right (Kendall tau against the truth) and the mean 95%
 * interval is narrower than a target, and how often the intervals cover the truth.
 */
export async function simulateCommand(args: string[]): Promise<void> {
  const numeric = ['models', 'votes', 'seeds', 'seed', 'tau', 'width', 'spread', 'bootstrap'];
  const { values: parsed } = parseArgs({
    args,
    options: {
      ...Object.fromEntries(numeric.map((name) => [name, { type: 'string' as const }])),
      'per-seed': { type: 'boolean' as const },
    },
  });
  const values = parsed as Record<string, string | boolean | undefined>;
  const flags = Object.fromEntries(
    numeric.map((name) => [name, typeof values[name] === 'string' ? values[name] : undefined]),
  );
  const models = countFlag(flags, 'models', 20, 2);
  const first = numberFlag(flags, 'seed', 1);
  // Votes-to-target varies a lot from one arena to the next (the closest pair decides it):
  // medians over 32 seeds are steady to a few percent, over 8 they are not.
  const seeds = Array.from({ length: countFlag(flags, 'seeds', 32) }, (_, i) => first + i);
  const options = {
    models,
    spread: numberFlag(flags, 'spread', 400),
    // "Ranking right" as the exact order by default, and intervals of +-20 Elo.
    tauTarget: numberFlag(flags, 'tau', 1),
    widthTarget: numberFlag(flags, 'width', 40),
    maxVotes: countFlag(flags, 'votes', 1500 * models),
    finalBootstrapRounds: countFlag(flags, 'bootstrap', 100, 0),
  };
  const started = performance.now();
  const { runs, summary } = runSimulationSeries(options, seeds);
  console.log(
    `${models} models, ${options.spread} Elo from first to last, ${options.maxVotes} votes per run, ` +
      `seeds ${first}..${first + seeds.length - 1}; targets: Kendall tau >= ${options.tauTarget} and mean 95% interval ` +
      `width <= ${options.widthTarget} Elo, each held to the end of the run`,
  );
  if (values['per-seed'])
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
