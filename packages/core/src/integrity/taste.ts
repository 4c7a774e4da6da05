/**
 * Voters' tastes as a distribution: a voter's view of a model is the fit's rating plus an offset
 * drawn from N(0, spread^2). Averaging a probability over that offset turns "the voter agrees
 * with the fit" into "the voter is an ordinary member of a crowd whose tastes differ", which is
 * what the favouritism test has to rule out before calling a preference suspicious.
 */
export interface TasteNode {
  /** Offset in Elo. */
  offset: number;
  weight: number;
}

/**
 * Nodes every half standard deviation out to 5. The averaged probabilities are at most 1, so
 * the mass left beyond 5 (below 1e-6) bounds the truncation error.
 */
const STEP = 0.5;
const REACH = 5;

/**
 * Quadrature nodes for an average over N(0, spread^2). The trapezoid rule on an even grid is
 * spectrally accurate for smooth integrands that vanish in the tails, as these do.
 */
export function tasteNodes(spread: number): TasteNode[] {
  if (!(spread >= 0) || !Number.isFinite(spread)) throw new RangeError('taste spread must be >= 0');
  if (spread === 0) return [{ offset: 0, weight: 1 }];
  const nodes: TasteNode[] = [];
  for (let z = -REACH; z <= REACH + 1e-9; z += STEP) {
    nodes.push({ offset: spread * z, weight: Math.exp(-0.5 * z * z) });
  }
  const total = nodes.reduce((sum, node) => sum + node.weight, 0);
  return nodes.map((node) => ({ offset: node.offset, weight: node.weight / total }));
}
