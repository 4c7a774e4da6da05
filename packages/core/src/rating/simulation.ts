import { ELO_INITIAL_RATING } from '../elo';
import { bootstrapIntervals } from './bootstrap';
import { fitBradleyTerry } from './bradley-terry';
import { pairCount, pairIndex, type PairCounts } from './counts';
import type { RatingInterval } from './intervals';
import { kendallTau } from './kendall';
import {
  pairAt,
  pairScore,
  samplePairIndex,
  type MatchmakingModel,
  type MatchmakingOptions,
} from './matchmaking';
import { createRng, type Seed } from './random';
import { sandwichIntervals } from './sandwich';
import { DEFAULT_RIDGE, unobservedHalfWidth } from './scale';
import { DEFAULT_VOTER, simulateVote, spacedRatings, type VoterModel } from './simulated-voters';

/** How the next pair is chosen: our matchmaking, or every pair equally often. */
export type PairingPolicy = 'matchmaking' | 'uniform';

export interface SimulationOptions {
  /** Number of models (default 20). */
  models?: number;
  seed?: Seed;
  /** True Elo ratings; default evenly spaced over `spread`, in random order. */
  trueRatings?: readonly number[];
  /** Elo span of the default true ratings (default 400). */
  spread?: number;
  voter?: Partial<VoterModel>;
  /** Votes simulated per policy (default 1,500 per model). */
  maxVotes?: number;
  /** Refit and check the targets every this many votes (default 5 per model). */
  checkEvery?: number;
  /** Kendall tau against the true order that counts as "ranking right" (default 0.9). */
  tauTarget?: number;
  /** Mean full width (high - low, Elo) of the 95% intervals to reach (default 60). */
  widthTarget?: number;
  policies?: readonly PairingPolicy[];
  ridge?: number;
  matchmaking?: MatchmakingOptions;
  /** Models with fewer votes count as new for matchmaking (default 20). */
  newModelVotes?: number;
  /** Bootstrap rounds for a final coverage check (default 0: sandwich intervals only). */
  finalBootstrapRounds?: number;
}

export interface PolicyReport {
  policy: PairingPolicy;
  /**
   * Votes after which Kendall tau stayed >= target at every check to the end of the run; null
   * if it was below target at the end. "Stayed" rather than "first reached": early on, with
   * wide intervals, the order can come out right by luck for one check and then fall apart.
   */
  votesToTau: number | null;
  /** Votes at the first check where tau >= target, lucky or not. */
  firstVotesToTau: number | null;
  /** Votes after which the mean 95% interval width stayed <= target; null if not at the end. */
  votesToWidth: number | null;
  votes: number;
  fits: number;
  finalTau: number;
  finalMeanWidth: number;
  /** Share of models whose final sandwich interval contains the true rating. */
  coverage: number;
  /** The same for bootstrap intervals, when `finalBootstrapRounds` > 0. */
  bootstrapCoverage: number | null;
}

export interface SimulationReport {
  seed: Seed;
  models: number;
  /** The true ratings, shifted to mean 1000 like the fitted ones they are compared with. */
  trueRatings: number[];
  tauTarget: number;
  widthTarget: number;
  policies: PolicyReport[];
}

type ResolvedOptions = Required<Omit<SimulationOptions, 'trueRatings' | 'voter'>> & {
  voter: VoterModel;
};

/**
 * Simulate an arena whose models have known strengths, once per pairing policy, refitting
 * periodically to see how many votes each policy needs before the ranking is right and the
 * intervals are narrow. Pure and seeded: the same options give the same report.
 */
export function runSimulation(options: SimulationOptions = {}): SimulationReport {
  const seed = options.seed ?? 1;
  const models = options.trueRatings?.length ?? options.models ?? 20;
  if (models < 2) throw new RangeError('a simulation needs at least two models');
  const resolved: ResolvedOptions = {
    models,
    seed,
    spread: options.spread ?? 400,
    voter: { ...DEFAULT_VOTER, ...options.voter },
    maxVotes: options.maxVotes ?? 1500 * models,
    checkEvery: options.checkEvery ?? 5 * models,
    tauTarget: options.tauTarget ?? 0.9,
    widthTarget: options.widthTarget ?? 60,
    policies: options.policies ?? ['matchmaking', 'uniform'],
    ridge: options.ridge ?? DEFAULT_RIDGE,
    matchmaking: options.matchmaking ?? {},
    newModelVotes: options.newModelVotes ?? 20,
    finalBootstrapRounds: options.finalBootstrapRounds ?? 0,
  };
  const truth = options.trueRatings
    ? [...options.trueRatings]
    : spacedRatings(models, resolved.spread, createRng(`${seed}:truth`));
  // Fitted ratings are anchored at mean 1000, so compare them with the truth anchored the same way.
  const truthMean = truth.reduce((sum, rating) => sum + rating, 0) / models;
  const centredTruth = truth.map((rating) => rating - truthMean + ELO_INITIAL_RATING);
  return {
    seed,
    models,
    trueRatings: centredTruth,
    tauTarget: resolved.tauTarget,
    widthTarget: resolved.widthTarget,
    policies: resolved.policies.map((policy) => runPolicy(policy, centredTruth, resolved)),
  };
}

function runPolicy(policy: PairingPolicy, truth: number[], options: ResolvedOptions): PolicyReport {
  const p = truth.length;
  const pairs = pairCount(p);
  const rng = createRng(`${options.seed}:${policy}`);
  const cells: PairCounts[] = Array.from({ length: pairs }, (_, index) => ({
    ...pairAt(index, p),
    winsA: 0,
    winsB: 0,
    ties: 0,
    bothBad: 0,
  }));
  const pairVotes = new Float64Array(pairs);
  const unknownSe = unobservedHalfWidth(options.ridge, 1);
  const models: MatchmakingModel[] = truth.map(() => ({
    rating: ELO_INITIAL_RATING,
    se: unknownSe,
    votes: 0,
    isNew: true,
  }));

  let votes = 0;
  let fits = 0;
  let votesToTau: number | null = null;
  let firstVotesToTau: number | null = null;
  let votesToWidth: number | null = null;
  let strengths: Float64Array | undefined;
  let ratings: number[] = truth.map(() => ELO_INITIAL_RATING);
  let intervals: RatingInterval[] = [];
  let tau = 0;
  let meanWidth = Infinity;

  // Between refits a vote only changes the scores of pairs involving its two models (their vote
  // counts), so scores are kept and patched instead of recomputed for every vote.
  const scores = new Float64Array(pairs);
  let total = 0;
  const rescore = (index: number): void => {
    const cell = cells[index] as PairCounts;
    const score = pairScore(
      models[cell.a] as MatchmakingModel,
      models[cell.b] as MatchmakingModel,
      pairVotes[index] as number,
      options.matchmaking,
    );
    total += score - (scores[index] as number);
    scores[index] = score;
  };
  const rescoreAll = (): void => {
    total = 0;
    scores.fill(0);
    for (let index = 0; index < pairs; index += 1) rescore(index);
  };
  rescoreAll();

  while (votes < options.maxVotes) {
    const batchEnd = Math.min(votes + options.checkEvery, options.maxVotes);
    for (; votes < batchEnd; votes += 1) {
      const index =
        policy === 'uniform'
          ? rng.nextInt(pairs)
          : samplePairIndex(scores, total, rng, options.matchmaking.exploration);
      const cell = cells[index] as PairCounts;
      const outcome = simulateVote(
        truth[cell.a] as number,
        truth[cell.b] as number,
        options.voter,
        rng,
      );
      if (outcome === 'a') cell.winsA += 1;
      else if (outcome === 'b') cell.winsB += 1;
      else if (outcome === 'tie') cell.ties += 1;
      else cell.bothBad += 1;
      pairVotes[index] = (pairVotes[index] as number) + 1;
      for (const played of [cell.a, cell.b]) {
        const model = models[played] as MatchmakingModel;
        model.votes += 1;
        model.isNew = model.votes < options.newModelVotes;
      }
      if (policy === 'matchmaking') {
        for (let other = 0; other < p; other += 1) {
          if (other !== cell.a) rescore(pairIndexOf(cell.a, other, p));
          if (other !== cell.b && other !== cell.a) rescore(pairIndexOf(cell.b, other, p));
        }
      }
    }

    // Warm-started from the previous fit: each check costs a couple of Newton steps.
    const fit = fitBradleyTerry(cells, p, { ridge: options.ridge, initial: strengths });
    const sandwich = sandwichIntervals(cells, p, { fit });
    fits += 1;
    strengths = fit.strengths;
    ratings = fit.ratings;
    intervals = sandwich.intervals;
    models.forEach((model, i) => {
      model.rating = ratings[i] as number;
      model.se = sandwich.standardErrors[i] as number;
    });
    if (policy === 'matchmaking') rescoreAll();
    tau = kendallTau(ratings, truth);
    meanWidth = intervals.reduce((sum, interval) => sum + interval.high - interval.low, 0) / p;
    // Each target's streak restarts whenever a check misses it.
    if (tau < options.tauTarget) votesToTau = null;
    else votesToTau ??= votes;
    if (tau >= options.tauTarget) firstVotesToTau ??= votes;
    if (meanWidth > options.widthTarget) votesToWidth = null;
    else votesToWidth ??= votes;
  }

  let bootstrapCoverage: number | null = null;
  if (options.finalBootstrapRounds > 0) {
    const bootstrap = bootstrapIntervals(cells, p, {
      ridge: options.ridge,
      rng: createRng(`${options.seed}:${policy}:bootstrap`),
      rounds: options.finalBootstrapRounds,
    });
    bootstrapCoverage = coverage(bootstrap.intervals, truth);
  }
  return {
    policy,
    votesToTau,
    firstVotesToTau,
    votesToWidth,
    votes,
    fits,
    finalTau: tau,
    finalMeanWidth: meanWidth,
    coverage: coverage(intervals, truth),
    bootstrapCoverage,
  };
}

/** Share of intervals that contain the true rating. */
export function coverage(intervals: readonly RatingInterval[], truth: readonly number[]): number {
  let covered = 0;
  intervals.forEach((interval, i) => {
    const value = truth[i] as number;
    if (interval.low <= value && value <= interval.high) covered += 1;
  });
  return intervals.length > 0 ? covered / intervals.length : 0;
}

function pairIndexOf(x: number, y: number, modelCount: number): number {
  return x < y ? pairIndex(x, y, modelCount) : pairIndex(y, x, modelCount);
}
