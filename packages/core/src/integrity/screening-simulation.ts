import { aggregatePairVotes, pairVoteFromSides, type PairVote } from '../rating/counts';
import { fitBradleyTerry } from '../rating/bradley-terry';
import { createRng, type Seed } from '../rating/random';
import { DEFAULT_VOTER, spacedRatings, type VoterModel } from '../rating/simulated-voters';
import {
  DEFAULT_SCREENING,
  screenVoter,
  type ScreeningOptions,
  type ScreeningReasonCode,
  type VoterScreening,
} from './screen-voter';
import {
  ATTACKER_KINDS,
  geometricCount,
  modelKey,
  personalView,
  simulateRecord,
  type AttackerKind,
  type RecordSettings,
  type SimulatedRecord,
} from './simulated-screening-voters';

export interface VoterScreeningSimulationOptions {
  seed?: Seed;
  /** Models on the board (default 12), true ratings evenly spaced over `spread` (default 400). */
  models?: number;
  spread?: number;
  /** Honest voters (default 2,000), with geometric vote counts of mean `meanHonestVotes` (15). */
  honestVoters?: number;
  meanHonestVotes?: number;
  /** Standard deviation of each voter's personal offset per model, Elo (default 50). */
  tasteNoise?: number;
  /** Share of battles an ordinary voter votes in (default 0.85). */
  voteRate?: number;
  /** Share of honest voters who skip every battle with one model they avoid (default 0.1). */
  avoiderShare?: number;
  /** Votes cast by each attacker; one row of results per value (default 10, 20, 40, 80). */
  attackerVotes?: readonly number[];
  /** Attackers of each kind per row (default 200). */
  attackersPerKind?: number;
  voter?: Partial<VoterModel>;
  screening?: Partial<ScreeningOptions>;
}

export interface FlagTally {
  voters: number;
  flagged: number;
  /** flagged / voters (0 when there are none). */
  rate: number;
  /** Voters flagged for each reason (a voter may have several). */
  byReason: Partial<Record<ScreeningReasonCode, number>>;
}

export interface AttackerRow {
  attackerVotes: number;
  byKind: Record<AttackerKind, FlagTally>;
  overall: FlagTally;
}

export interface VoterScreeningReport {
  seed: Seed;
  trueRatings: number[];
  /** The fit the voters were screened against: Bradley-Terry on every honest vote. */
  fitRatings: number[];
  honestVotes: number;
  honest: FlagTally;
  /** Honest voters with at least the minimum number of votes: the ones actually judged. */
  honestJudged: FlagTally;
  /** Honest voters by number of votes (from `minVotes` up): long records show taste most. */
  honestByVotes: { fromVotes: number; toVotes: number | null; tally: FlagTally }[];
  attackers: AttackerRow[];
}

/**
 * Plant attackers among honest voters and measure how many of each the screen flags, and how
 * many honest voters it flags with them. Pure and seeded.
 *
 * The fit is the Bradley-Terry fit of the honest voters' own votes, so it carries the
 * estimation noise of a real board of that size. Attackers are left out of it: hundreds are
 * planted per row to measure rates, far more than a real board holds, and letting them all in
 * would model a campaign that has already moved the board (which would also hide it better).
 */
export function simulateVoterScreening(
  options: VoterScreeningSimulationOptions = {},
): VoterScreeningReport {
  const seed = options.seed ?? 1;
  const modelCount = options.models ?? 12;
  const tasteNoise = options.tasteNoise ?? 50;
  const settings: RecordSettings = {
    modelCount,
    voteRate: options.voteRate ?? 0.85,
    voter: { ...DEFAULT_VOTER, ...options.voter },
  };
  const truth = spacedRatings(modelCount, options.spread ?? 400, createRng(`${seed}:truth`));

  const honestRng = createRng(`${seed}:honest`);
  const honestRecords = Array.from({ length: options.honestVoters ?? 2000 }, () => {
    const view = personalView(truth, tasteNoise, honestRng);
    const count = geometricCount(options.meanHonestVotes ?? 15, honestRng);
    const avoids =
      honestRng.nextFloat() < (options.avoiderShare ?? 0.1)
        ? honestRng.nextInt(modelCount)
        : undefined;
    return simulateRecord({ kind: 'honest', avoids }, view, count, settings, honestRng);
  });
  const fitRatings = fitHonestVotes(honestRecords, modelCount);
  const ratings = new Map(fitRatings.map((rating, index) => [modelKey(index), rating]));
  const minVotes = options.screening?.minVotes ?? DEFAULT_SCREENING.minVotes;
  const screen = (record: SimulatedRecord) =>
    screenVoter({ ...record, ratings }, options.screening);

  const honestResults = honestRecords.map(screen);
  const attackers = (options.attackerVotes ?? [10, 20, 40, 80]).map((attackerVotes) => {
    const rng = createRng(`${seed}:attackers:${attackerVotes}`);
    const byKind = Object.fromEntries(
      ATTACKER_KINDS.map((kind) => {
        const targets = attackTargets(kind, truth);
        const results = Array.from({ length: options.attackersPerKind ?? 200 }, () => {
          const target = targets[rng.nextInt(targets.length)] as number;
          const view = personalView(truth, tasteNoise, rng);
          return screen(simulateRecord({ kind, target }, view, attackerVotes, settings, rng));
        });
        return [kind, tallyFlags(results)];
      }),
    ) as Record<AttackerKind, FlagTally>;
    return { attackerVotes, byKind, overall: mergeTallies(Object.values(byKind)) };
  });

  return {
    seed,
    trueRatings: truth,
    fitRatings,
    honestVotes: honestRecords.reduce((sum, record) => sum + record.votes.length, 0),
    honest: tallyFlags(honestResults),
    honestJudged: tallyFlags(honestResults.filter((result) => result.statistics.judged)),
    honestByVotes: byRecordLength(honestResults, minVotes),
    attackers,
  };
}

/** Promoters push a weak or mid model up; demoters pull a strong or upper-mid one down. */
function attackTargets(kind: AttackerKind, truth: readonly number[]): number[] {
  const byStrength = truth
    .map((_, index) => index)
    .sort((x, y) => (truth[x] as number) - (truth[y] as number));
  const half = Math.floor(truth.length / 2);
  return kind === 'demoter' ? byStrength.slice(half) : byStrength.slice(0, half);
}

function byRecordLength(
  results: readonly VoterScreening[],
  minVotes: number,
): VoterScreeningReport['honestByVotes'] {
  const bounds = [minVotes, ...[20, 50, 100].filter((bound) => bound > minVotes)];
  return bounds.map((fromVotes, index) => {
    const toVotes = bounds[index + 1] ?? null;
    const inRange = results.filter(({ statistics: { votes } }) => {
      return votes >= fromVotes && (toVotes === null || votes < toVotes);
    });
    return { fromVotes, toVotes, tally: tallyFlags(inRange) };
  });
}

function fitHonestVotes(records: readonly SimulatedRecord[], modelCount: number): number[] {
  const index = (key: string) => Number(key.slice('model-'.length));
  const pairVotes: PairVote[] = records.flatMap((record) =>
    record.votes.map((vote) =>
      pairVoteFromSides(index(vote.left), index(vote.right), vote.outcome),
    ),
  );
  return fitBradleyTerry(aggregatePairVotes(pairVotes, modelCount), modelCount).ratings;
}

function tallyFlags(results: readonly VoterScreening[]): FlagTally {
  const byReason: Partial<Record<ScreeningReasonCode, number>> = {};
  let flagged = 0;
  for (const result of results) {
    if (result.flagged) flagged += 1;
    for (const code of new Set(result.reasons.map((reason) => reason.code))) {
      byReason[code] = (byReason[code] ?? 0) + 1;
    }
  }
  return { voters: results.length, flagged, rate: rate(flagged, results.length), byReason };
}

function mergeTallies(tallies: readonly FlagTally[]): FlagTally {
  const byReason: Partial<Record<ScreeningReasonCode, number>> = {};
  for (const tally of tallies) {
    for (const [code, count] of Object.entries(tally.byReason) as [ScreeningReasonCode, number][]) {
      byReason[code] = (byReason[code] ?? 0) + count;
    }
  }
  const voters = tallies.reduce((sum, tally) => sum + tally.voters, 0);
  const flagged = tallies.reduce((sum, tally) => sum + tally.flagged, 0);
  return { voters, flagged, rate: rate(flagged, voters), byReason };
}

function rate(count: number, total: number): number {
  return total > 0 ? count / total : 0;
}
