/**
 * Kendall's tau-b between two score vectors (1 = same order, -1 = reversed). The b variant
 * corrects for ties, which matter early in a simulation when many ratings are still equal;
 * if either vector is constant there is no order to compare and the result is 0.
 * O(n^2), fine for leaderboards of a few hundred models.
 */
export function kendallTau(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  if (y.length !== n) throw new RangeError('kendallTau needs vectors of equal length');
  let concordant = 0;
  let discordant = 0;
  let tiedX = 0;
  let tiedY = 0;
  for (let i = 0; i < n; i += 1) {
    for (let j = i + 1; j < n; j += 1) {
      const dx = Math.sign((x[i] as number) - (x[j] as number));
      const dy = Math.sign((y[i] as number) - (y[j] as number));
      if (dx === 0 && dy === 0) continue;
      if (dx === 0) tiedX += 1;
      else if (dy === 0) tiedY += 1;
      else if (dx === dy) concordant += 1;
      else discordant += 1;
    }
  }
  const denominator = Math.sqrt(
    (concordant + discordant + tiedX) * (concordant + discordant + tiedY),
  );
  return denominator > 0 ? (concordant - discordant) / denominator : 0;
}
