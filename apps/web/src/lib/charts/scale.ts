/**
 * The few scale helpers the SVG charts need: a linear or log mapping from data to pixels, and
 * round tick values. Small enough not to warrant a charting library.
 */
export interface Scale {
  (value: number): number;
  ticks: number[];
  domain: [number, number];
}

const STEPS = [1, 2, 2.5, 5, 10];

/** Round tick values covering [min, max], about `count` of them. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) return [min];
  const raw = (max - min) / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = (STEPS.find((s) => s * magnitude >= raw) ?? 10) * magnitude;
  const ticks: number[] = [];
  for (let tick = Math.ceil(min / step) * step; tick <= max + step * 1e-9; tick += step) {
    ticks.push(Number(tick.toPrecision(12)));
  }
  return ticks;
}

/** [min, max] widened by a share of its span (or a fixed amount when it has none). */
export function pad(min: number, max: number, share = 0.08, whenFlat = 1): [number, number] {
  const span = max - min;
  const by = span > 0 ? span * share : whenFlat;
  return [min - by, max + by];
}

export function linearScale(
  domain: [number, number],
  range: [number, number],
  tickCount = 5,
): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  const scale = ((value: number) => r0 + ((value - d0) / span) * (r1 - r0)) as Scale;
  scale.ticks = niceTicks(d0, d1, tickCount);
  scale.domain = domain;
  return scale;
}

/** Log scale for prices and times that span orders of magnitude; ticks at 1, 2, 5 x 10^n. */
export function logScale(domain: [number, number], range: [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const l0 = Math.log10(d0);
  const span = Math.log10(d1) - l0 || 1;
  const scale = ((value: number) => r0 + ((Math.log10(value) - l0) / span) * (r1 - r0)) as Scale;
  const ticks: number[] = [];
  for (let power = Math.floor(l0) - 1; power <= Math.ceil(Math.log10(d1)); power++) {
    for (const m of [1, 2, 5]) {
      const tick = Number((m * 10 ** power).toPrecision(6));
      if (tick >= d0 && tick <= d1) ticks.push(tick);
    }
  }
  scale.ticks = ticks;
  scale.domain = domain;
  return scale;
}

/**
 * A scale for values > 0 (prices, times): log when they span more than `ratio`, otherwise
 * linear over their own range, padded, so that close values stay apart.
 */
export function positiveScale(
  values: number[],
  range: [number, number],
  ratio = 8,
): { scale: Scale; log: boolean } {
  const min = Math.min(...values);
  const max = Math.max(...values);
  if (min > 0 && max / min > ratio) {
    return { scale: logScale([min / 1.4, max * 1.4], range), log: true };
  }
  const [low, high] = pad(min, max, 0.15, Math.abs(max) * 0.25 || 1);
  return { scale: linearScale([Math.max(0, low), high], range, 4), log: false };
}
