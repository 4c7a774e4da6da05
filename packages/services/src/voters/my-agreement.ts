import { kendallTau } from '@arena/core';
import type { Agreement } from '@arena/contract';

/** One model's rating in the voter's own fit and in the crowd's. */
export interface PairedRating {
  yours: number;
  crowd: number;
}

/**
 * How far the voter's order of the models agrees with the crowd's: over every pair of models
 * that both put in a strict order, how many they order the same way ("7 of 10 pairwise
 * orderings"), and Kendall's tau-b, which also weighs the pairs one of them calls even.
 */
export function agreementOf(models: readonly PairedRating[]): Agreement {
  let pairs = 0;
  let agreeing = 0;
  for (let i = 0; i < models.length; i += 1) {
    for (let j = i + 1; j < models.length; j += 1) {
      const a = models[i]!;
      const b = models[j]!;
      const yours = Math.sign(a.yours - b.yours);
      const crowd = Math.sign(a.crowd - b.crowd);
      if (yours === 0 || crowd === 0) continue;
      pairs += 1;
      if (yours === crowd) agreeing += 1;
    }
  }
  return {
    models: models.length,
    pairs,
    agreeing,
    kendallTau: kendallTau(
      models.map((model) => model.yours),
      models.map((model) => model.crowd),
    ),
  };
}

/** 1-based positions by descending value; equal values share the better position. */
export function positions(values: readonly number[]): number[] {
  return values.map((value) => 1 + values.filter((other) => other > value).length);
}
