import { DEFAULT_LEVEL } from './intervals';
import { twoSidedZ } from './normal';

export interface SideWins {
  leftWins: number;
  rightWins: number;
}

export interface PositionBias {
  /** Votes with a winner; ties and both-bad say nothing about sides and are left out. */
  decisive: number;
  /** Share of decisive votes won by the left image (0.5 when there are none). */
  leftShare: number;
  /** Wilson score interval for that share. */
  low: number;
  high: number;
  /** True when the interval excludes 0.5: voters measurably prefer one side. */
  biased: boolean;
}

/**
 * Position bias from left and right win counts. Sides are assigned by a fair coin, so without
 * bias each decisive vote goes left with probability 1/2 whatever the models; the Wilson
 * interval is used because, unlike the plain normal one, it stays inside [0, 1] and keeps its
 * coverage for small counts and shares near the edges.
 */
export function positionBias(counts: SideWins, level: number = DEFAULT_LEVEL): PositionBias {
  const { leftWins, rightWins } = counts;
  if (!(leftWins >= 0 && rightWins >= 0)) throw new RangeError('win counts must be >= 0');
  const n = leftWins + rightWins;
  if (n === 0) return { decisive: 0, leftShare: 0.5, low: 0, high: 1, biased: false };
  const z = twoSidedZ(level);
  const share = leftWins / n;
  const z2 = z * z;
  const centre = (share + z2 / (2 * n)) / (1 + z2 / n);
  const halfWidth = (z / (1 + z2 / n)) * Math.sqrt((share * (1 - share)) / n + z2 / (4 * n * n));
  const low = Math.max(0, centre - halfWidth);
  const high = Math.min(1, centre + halfWidth);
  return { decisive: n, leftShare: share, low, high, biased: low > 0.5 || high < 0.5 };
}
