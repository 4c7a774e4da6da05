const MINUS = '\u2212';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

/** A rating as shown in tables and reveals: rounded to a whole point. */
export function formatRating(rating: number): string {
  return integer.format(Math.round(rating)).replace('-', MINUS);
}

/** A rating change with an explicit sign and a typographic minus: "+12.3", "−4.0", "±0.0". */
export function formatDelta(delta: number): string {
  const rounded = Math.round(delta * 10) / 10;
  if (rounded === 0) return '\u00b10.0';
  return `${rounded > 0 ? '+' : MINUS}${oneDecimal.format(Math.abs(rounded))}`;
}

export function deltaTone(delta: number): 'up' | 'down' | 'flat' {
  const rounded = Math.round(delta * 10) / 10;
  return rounded > 0 ? 'up' : rounded < 0 ? 'down' : 'flat';
}

export function formatPercent(ratio: number | null): string {
  return ratio === null ? '\u2014' : `${Math.round(ratio * 100)}%`;
}

export function formatCount(count: number): string {
  return integer.format(count);
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

/**
 * A 95% interval as distances from the rating: "+12 / −9" (rounded, typographic minus), or an
 * em dash when there is none yet.
 */
export function formatInterval(rating: number, low: number | null, high: number | null): string {
  if (low === null || high === null) return '\u2014';
  const above = Math.round(high - rating);
  const below = Math.round(rating - low);
  return `+${integer.format(above)} / ${MINUS}${integer.format(below)}`;
}
