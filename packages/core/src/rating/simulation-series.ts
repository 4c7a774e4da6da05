import type { Seed } from './random';
import {
  runSimulation,
  type PairingPolicy,
  type PolicyReport,
  type SimulationOptions,
  type SimulationReport,
} from './simulation';

export interface PolicySummary {
  policy: PairingPolicy;
  runs: number;
  /** Median votes to reach the tau target; runs that never did count as infinitely many. */
  medianVotesToTau: number | null;
  medianVotesToWidth: number | null;
  reachedTau: number;
  reachedWidth: number;
  meanCoverage: number;
  meanBootstrapCoverage: number | null;
}

/**
 * Median of the votes needed, with "never reached" as +infinity: a policy that fails half the
 * time has no finite median (null), rather than a flattering one computed from its successes.
 */
export function medianVotes(values: readonly (number | null)[]): number | null {
  if (values.length === 0) return null;
  const sorted = values.map((value) => value ?? Infinity).sort((x, y) => x - y);
  const middle = sorted.length / 2;
  const median =
    sorted.length % 2 === 1
      ? (sorted[Math.floor(middle)] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return Number.isFinite(median) ? median : null;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Per-policy medians and coverage over several simulation runs. */
export function summarizeSimulations(reports: readonly SimulationReport[]): PolicySummary[] {
  const byPolicy = new Map<PairingPolicy, PolicyReport[]>();
  for (const report of reports) {
    for (const run of report.policies)
      byPolicy.set(run.policy, [...(byPolicy.get(run.policy) ?? []), run]);
  }
  return [...byPolicy.entries()].map(([policy, runs]) => {
    const bootstrap = runs.flatMap((run) =>
      run.bootstrapCoverage === null ? [] : [run.bootstrapCoverage],
    );
    return {
      policy,
      runs: runs.length,
      medianVotesToTau: medianVotes(runs.map((run) => run.votesToTau)),
      medianVotesToWidth: medianVotes(runs.map((run) => run.votesToWidth)),
      reachedTau: runs.filter((run) => run.votesToTau !== null).length,
      reachedWidth: runs.filter((run) => run.votesToWidth !== null).length,
      meanCoverage: mean(runs.map((run) => run.coverage)),
      meanBootstrapCoverage: bootstrap.length > 0 ? mean(bootstrap) : null,
    };
  });
}

/** `runSimulation` once per seed, with the per-policy summary a CLI would print. */
export function runSimulationSeries(
  options: Omit<SimulationOptions, 'seed'>,
  seeds: readonly Seed[],
): { runs: SimulationReport[]; summary: PolicySummary[] } {
  const runs = seeds.map((seed) => runSimulation({ ...options, seed }));
  return { runs, summary: summarizeSimulations(runs) };
}
