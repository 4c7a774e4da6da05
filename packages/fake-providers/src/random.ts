import type { LatencySpec } from './behaviour';

/** mulberry32: a small seeded generator, so fan-out runs are reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function standardNormal(random: () => number): number {
  const u = Math.max(random(), Number.EPSILON);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

export function sampleLatency(spec: LatencySpec | undefined, random: () => number): number {
  if (spec === undefined) return 0;
  if (typeof spec === 'number') return spec;
  if (spec.kind === 'uniform') return spec.minMs + random() * (spec.maxMs - spec.minMs);
  const sigma = Math.log(spec.p95Ms / spec.medianMs) / 1.645;
  return spec.medianMs * Math.exp(sigma * standardNormal(random));
}
