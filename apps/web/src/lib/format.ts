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

const onePlace = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** A share with one decimal, for rates where whole percents hide the difference: "91.6%". */
export function formatPercentPrecise(ratio: number | null): string {
  return ratio === null ? '\u2014' : `${onePlace.format(ratio * 100)}%`;
}

/** "91.6% (218/238)": a success rate with the counts it stands on. */
export function formatSuccess(succeeded: number, requests: number): string {
  if (requests === 0) return '\u2014';
  return `${formatPercentPrecise(succeeded / requests)} (${formatCount(succeeded)}/${formatCount(requests)})`;
}

const usd = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 4,
});

/** USD per image: "$0.067", "$0.04", "$1.20". */
export function formatPrice(price: number | null | undefined): string {
  return price === null || price === undefined ? '\u2014' : usd.format(price);
}

/** A duration in milliseconds, as read at a glance: "850 ms", "1.9 s", "24 s", "2 min 5 s". */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '\u2014';
  if (ms < 1000) return `${integer.format(Math.round(ms))} ms`;
  if (ms < 10_000) return `${oneDecimal.format(ms / 1000)} s`;
  if (ms < 120_000) return `${integer.format(Math.round(ms / 1000))} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

// Release dates are calendar dates, not instants: formatted in UTC so no time zone moves them.
const monthYear = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const calendarDate = new Intl.DateTimeFormat('en-US', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const fullDate = new Intl.DateTimeFormat('en-US', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});

/** A release date as the catalog gives it ("2025", "2025-10" or a full date), for people. */
export function formatReleased(value: string | null): string | null {
  if (!value) return null;
  const match = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(value);
  if (!match) return value;
  const [, year, month, day] = match;
  if (!month) return year ?? value;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day ?? 1)));
  const format = day ? calendarDate : monthYear;
  return format.format(date);
}

/** A timestamp as a date: "Nov 21, 2026", in the reader's time zone. */
export function formatDate(iso: string | null): string {
  return iso ? fullDate.format(new Date(iso)) : '\u2014';
}
