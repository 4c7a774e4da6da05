import { describe, expect, it } from 'vitest';
import { runSimulation, runSimulationSeries, simulateVote, createRng } from '../src/rating';

describe('simulateVote', () => {
  it('gives the Bradley-Terry expected score, with more draws between close models', () => {
    const rng = createRng('voter');
    const voter = { maxDrawProbability: 0.3, bothBadShare: 0.5 };
    const tally = (a: number, b: number) => {
      const counts = { a: 0, b: 0, tie: 0, both_bad: 0 };
      for (let i = 0; i < 40_000; i += 1) counts[simulateVote(a, b, voter, rng)] += 1;
      return counts;
    };
    const close = tally(1000, 1000);
    const apart = tally(1200, 1000);
    const s = 1 / (1 + 10 ** (-200 / 400));
    const score = (apart.a + 0.5 * (apart.tie + apart.both_bad)) / 40_000;
    expect(Math.abs(score - s)).toBeLessThan(0.01);
    expect(close.tie + close.both_bad).toBeGreaterThan(apart.tie + apart.both_bad);
    expect(Math.abs((close.tie + close.both_bad) / 40_000 - 0.3)).toBeLessThan(0.015);
  });
});

describe('runSimulation', () => {
  it('is reproducible from its seed', () => {
    const options = { models: 6, maxVotes: 600, seed: 'same' };
    expect(runSimulation(options)).toEqual(runSimulation(options));
  });

  it('reports, per policy, the votes to each target and the final coverage', () => {
    const report = runSimulation({ models: 6, spread: 600, maxVotes: 3000, seed: 4 });
    expect(report.policies.map((p) => p.policy)).toEqual(['matchmaking', 'uniform']);
    for (const policy of report.policies) {
      expect(policy.votes).toBe(3000);
      expect(policy.finalTau).toBeGreaterThan(0.5);
      expect(policy.coverage).toBeGreaterThanOrEqual(0);
      expect(policy.coverage).toBeLessThanOrEqual(1);
      if (policy.votesToTau !== null) {
        expect(policy.firstVotesToTau).not.toBeNull();
        expect(policy.votesToTau).toBeGreaterThanOrEqual(policy.firstVotesToTau!);
      }
    }
    expect(report.trueRatings.reduce((s, r) => s + r, 0) / 6).toBeCloseTo(1000, 9);
  });

  it('needs fewer votes with matchmaking than with uniform pairing (median of 7 arenas)', () => {
    // 12 models 600 Elo end to end (55 Elo between neighbours): the exact order, held to the
    // end of a 6,000-vote run, and a mean 95% interval under 60 Elo.
    const { summary } = runSimulationSeries(
      { models: 12, spread: 600, tauTarget: 1, widthTarget: 60, maxVotes: 6000 },
      [1, 2, 3, 4, 5, 6, 7],
    );
    const [matchmaking, uniform] = summary;
    expect(matchmaking!.policy).toBe('matchmaking');
    expect(matchmaking!.reachedTau).toBe(7);
    expect(matchmaking!.medianVotesToTau!).toBeLessThan(uniform!.medianVotesToTau ?? Infinity);
    expect(matchmaking!.medianVotesToWidth!).toBeLessThan(uniform!.medianVotesToWidth ?? Infinity);
  });
});
