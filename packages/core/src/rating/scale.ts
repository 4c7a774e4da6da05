import { ELO_SCALE } from '../elo';
import { assertModelIndex } from './counts';

/** Elo points per natural-log unit of strength: 400 / ln 10, about 173.7. */
export const ELO_PER_NAT = ELO_SCALE / Math.LN10;

/** Default ridge of the fit, in natural-log strength units per model (see BradleyTerryOptions). */
export const DEFAULT_RIDGE = 1e-3;

/**
 * Ratings are only defined up to a common shift, so they are pinned either by their mean
 * (`{ rating: 1000 }`, the default) or by one model's rating (`{ model: 3, rating: 1200 }`).
 */
export interface RatingAnchor {
  rating: number;
  model?: number;
}

/** Natural-log strengths to anchored Elo ratings. */
export function strengthsToRatings(strengths: ArrayLike<number>, anchor: RatingAnchor): number[] {
  const n = strengths.length;
  let reference = 0;
  if (anchor.model === undefined) {
    for (let i = 0; i < n; i += 1) reference += strengths[i] as number;
    reference = n > 0 ? reference / n : 0;
  } else {
    assertModelIndex(anchor.model, n, 'anchor model');
    reference = strengths[anchor.model] as number;
  }
  const ratings = new Array<number>(n);
  for (let i = 0; i < n; i += 1) {
    ratings[i] = anchor.rating + ELO_PER_NAT * ((strengths[i] as number) - reference);
  }
  return ratings;
}

/**
 * Half-width of the interval given to a model with no votes at all: the ridge is then the only
 * thing pinning it, so the honest interval is the penalty's implied prior (z / sqrt(ridge) log
 * units, ~10,800 Elo at the default). Wide on purpose: such a model shares rank 1 with everyone
 * and is flagged provisional, rather than looking precisely average.
 */
export function unobservedHalfWidth(ridge: number, z: number): number {
  // Without a ridge there is no prior; borrow the default one so the width stays finite.
  return (z * ELO_PER_NAT) / Math.sqrt(ridge > 0 ? ridge : DEFAULT_RIDGE);
}
