import { hypergeometricUpperTail, taroneThreshold } from './exact-tests';
import type { IssuedBattle, ModelKey } from './votes';

/** How often the voter voted when one model was in the battle, against the voter's own rate. */
export interface ModelSelectivity {
  model: ModelKey;
  /** Battles issued to the voter with this model. */
  issued: number;
  /** Of those, battles the voter voted in. */
  voted: number;
  /** Voted battles expected with this model if voting ignored which models were shown. */
  expectedVoted: number;
  /** Exact upper-tail p-value (noncentral hypergeometric, see `selectivityTest`). */
  pValue: number;
}

export interface SelectivityTest {
  issued: number;
  voted: number;
  models: ModelSelectivity[];
  /** Per-model level after Tarone's correction over the models. */
  threshold: number;
  /** Models the voter's votes concentrate on far beyond their share of the battles. */
  selective: ModelSelectivity[];
}

/**
 * Does the voter vote only when one model is on screen? A voter who skips battles blind to the
 * (hidden) models votes in a random subset of the N issued ones, given its size n, so the voted
 * battles containing model m follow a hypergeometric law with m's share of the issued battles.
 * A promoter who skips every battle without the target votes in the target's battles only: an
 * upper tail of 1 / C(N, n).
 *
 * Honest voters are not quite blind, though: one who skips every battle with a model they
 * dislike (or whose images fail to load) votes in the other models' battles more often, on a
 * small board up to ~3 times the odds. So the null hypothesis allows the voter to be up to
 * `odds` times likelier (in odds) to vote when m is on screen, and the tail is that of Fisher's
 * noncentral hypergeometric law; the promoter's odds are unbounded. The test is one-sided: a
 * voter who votes in every battle cannot be selective at all (every p-value is 1). Battles need
 * no rating, so a model new to the board can be the target too.
 */
export function selectivityTest(
  battles: readonly IssuedBattle[],
  alpha: number,
  odds = 1,
): SelectivityTest {
  const counts = new Map<ModelKey, { issued: number; voted: number }>();
  let voted = 0;
  for (const battle of battles) {
    if (battle.voted) voted += 1;
    for (const model of new Set([battle.left, battle.right])) {
      const count = counts.get(model) ?? { issued: 0, voted: 0 };
      count.issued += 1;
      if (battle.voted) count.voted += 1;
      counts.set(model, count);
    }
  }
  const issued = battles.length;
  const entries = [...counts.entries()];
  // The most extreme record: as many of the voted battles as possible contain the model.
  const threshold = taroneThreshold(
    entries.map(([, count]) => {
      const most = Math.min(voted, count.issued);
      return hypergeometricUpperTail(issued, count.issued, voted, most, odds);
    }),
    alpha,
  );
  const models = entries.map(([model, count]): ModelSelectivity => ({
    model,
    issued: count.issued,
    voted: count.voted,
    expectedVoted: issued > 0 ? (voted * count.issued) / issued : 0,
    pValue: hypergeometricUpperTail(issued, count.issued, voted, count.voted, odds),
  }));
  return {
    issued,
    voted,
    models,
    threshold,
    selective: models.filter((row) => row.pValue <= threshold),
  };
}
