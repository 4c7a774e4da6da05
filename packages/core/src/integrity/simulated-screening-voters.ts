import type { VoteOutcome } from '../outcomes';
import type { Rng } from '../rating/random';
import { simulateVote, type VoterModel } from '../rating/simulated-voters';
import type { IssuedBattle, ScreenedVote } from './votes';

/** The attacks the screening simulation plants. */
export const ATTACKER_KINDS = ['promoter', 'selective_promoter', 'demoter'] as const;
export type AttackerKind = (typeof ATTACKER_KINDS)[number];

/**
 * How a simulated voter behaves. Everyone votes from their own view of the models (the truth
 * plus personal taste); an attacker departs from it only in battles with the target:
 * - promoter: votes for the target whenever it appears;
 * - selective_promoter: votes only in battles with the target, always for it;
 * - demoter: votes against the target whenever it appears.
 * An honest voter may also skip every battle with one model it `avoids` (disliked, or broken).
 */
export type VoterBehaviour =
  { kind: 'honest'; avoids?: number } | { kind: AttackerKind; target: number };

export interface RecordSettings {
  modelCount: number;
  /** Share of issued battles an ordinary voter votes in, blind to the models. */
  voteRate: number;
  voter: VoterModel;
}

export interface SimulatedRecord {
  votes: ScreenedVote[];
  battles: IssuedBattle[];
}

/** Standard normal draw (Box-Muller); 1 - u keeps the logarithm finite. */
export function normalDraw(rng: Rng): number {
  const radius = Math.sqrt(-2 * Math.log(1 - rng.nextFloat()));
  return radius * Math.cos(2 * Math.PI * rng.nextFloat());
}

/** Geometric on 1, 2, ... with the given mean: most voters vote a few times, some a lot. */
export function geometricCount(mean: number, rng: Rng): number {
  if (mean <= 1) return 1;
  return 1 + Math.floor(Math.log(1 - rng.nextFloat()) / Math.log(1 - 1 / mean));
}

/** A voter's own ratings: real people disagree with the crowd by some tens of Elo per model. */
export function personalView(truth: readonly number[], tasteNoise: number, rng: Rng): number[] {
  return truth.map((rating) => rating + tasteNoise * normalDraw(rng));
}

export function modelKey(index: number): string {
  return `model-${index}`;
}

/**
 * Issue uniformly random pairs, sides by a fair coin, until the voter has cast `voteCount`
 * votes; the battles skipped on the way are part of the record (the selectivity test reads them).
 */
export function simulateRecord(
  behaviour: VoterBehaviour,
  view: readonly number[],
  voteCount: number,
  settings: RecordSettings,
  rng: Rng,
): SimulatedRecord {
  const { modelCount, voteRate, voter } = settings;
  if (!(voteRate > 0 && voteRate <= 1)) throw new RangeError('voteRate must be in (0, 1]');
  if (modelCount < 2) throw new RangeError('a battle needs two models');
  const record: SimulatedRecord = { votes: [], battles: [] };
  while (record.votes.length < voteCount) {
    const left = rng.nextInt(modelCount);
    const right = (left + 1 + rng.nextInt(modelCount - 1)) % modelCount;
    const target = behaviour.kind === 'honest' ? -1 : behaviour.target;
    const withTarget = left === target || right === target;
    const avoided = behaviour.kind === 'honest' && [left, right].includes(behaviour.avoids ?? -1);
    const voted =
      behaviour.kind === 'selective_promoter' ? withTarget : !avoided && rng.nextFloat() < voteRate;
    record.battles.push({ left: modelKey(left), right: modelKey(right), voted });
    if (!voted) continue;
    let outcome: VoteOutcome;
    if (withTarget && behaviour.kind !== 'demoter') outcome = left === target ? 'left' : 'right';
    else if (withTarget) outcome = left === target ? 'right' : 'left';
    else outcome = honestOutcome(view, left, right, voter, rng);
    record.votes.push({ left: modelKey(left), right: modelKey(right), outcome });
  }
  return record;
}

function honestOutcome(
  view: readonly number[],
  left: number,
  right: number,
  voter: VoterModel,
  rng: Rng,
): VoteOutcome {
  const outcome = simulateVote(view[left] as number, view[right] as number, voter, rng);
  return outcome === 'a' ? 'left' : outcome === 'b' ? 'right' : outcome;
}
