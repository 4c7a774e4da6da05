import { describe, expect, it } from 'vitest';
import {
  DEMO_PROFILES,
  profileForModel,
  sampleLatency,
  sampleLogNormal,
  type LatencyProfile,
} from '../src';
import { mulberry32 } from '../src/random';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

describe('sampleLogNormal', () => {
  it.each([
    ['fast', 250, 700],
    ['nano-banana on gemini', 7_886, 10_941],
    ['nano-banana-2 on gemini', 13_298, 24_656],
    ['nano-banana on fal', 31_825, 96_361],
  ])('matches the median and 95th percentile of %s within 10%%', (_name, p50, p95) => {
    const random = mulberry32(2024);
    const samples = Array.from({ length: 20_000 }, () => sampleLogNormal(p50, p95, random)).sort(
      (a, b) => a - b,
    );
    expect(Math.abs(percentile(samples, 0.5) / p50 - 1)).toBeLessThan(0.1);
    expect(Math.abs(percentile(samples, 0.95) / p95 - 1)).toBeLessThan(0.1);
  });

  it('is zero for a zero median', () => {
    expect(sampleLogNormal(0, 0, Math.random)).toBe(0);
  });
});

describe('sampleLatency', () => {
  it('keeps the time to first byte inside the generation time and applies the scale', () => {
    const random = mulberry32(7);
    const profile = profileForModel('realistic', 'nano-banana');
    for (let i = 0; i < 1000; i++) {
      const { latencyMs, ttfbMs } = sampleLatency(profile, random, 0.01);
      expect(ttfbMs).toBeLessThanOrEqual(latencyMs);
      expect(ttfbMs).toBeGreaterThan(0);
      expect(latencyMs).toBeLessThan(1_000);
    }
  });
});

describe('profileForModel', () => {
  it('uses the measured entries for the Nano Banana models and a generic one for others', () => {
    expect(profileForModel('realistic', 'nano-banana')).toEqual({
      p50Ms: 7_886,
      p95Ms: 10_941,
      ttfbP50Ms: 7_043,
      successRate: 0.579,
    });
    expect(profileForModel('realistic', 'nano-banana-2')).toMatchObject({
      p50Ms: 13_298,
      p95Ms: 24_656,
      ttfbP50Ms: 13_167,
    });
    expect(profileForModel('realistic', 'nano-banana-2').successRate).toBeCloseTo(0.916, 3);
    const generic = profileForModel('realistic', 'gpt-image-1-5');
    expect(generic.p50Ms).toBeGreaterThan(7_886);
    expect(generic.p50Ms).toBeLessThan(31_825);
    expect(generic.successRate).toBeGreaterThan(0.579);
    expect(generic.successRate).toBeLessThan(1);
  });

  it('has an instant profile that never waits nor fails and a fast default under a second', () => {
    expect(profileForModel('instant', 'any')).toMatchObject({ p50Ms: 0, successRate: 1 });
    const fast = DEMO_PROFILES.fast.default;
    expect(fast.p95Ms).toBeLessThan(1_000);
    expect(fast.successRate).toBeGreaterThan(0.95);
  });

  it('accepts a custom profile for every model, or per-model overrides', () => {
    const custom: LatencyProfile = { p50Ms: 10, p95Ms: 20, successRate: 0.5 };
    expect(profileForModel(custom, 'x')).toBe(custom);
    const special: LatencyProfile = { p50Ms: 1, p95Ms: 2, successRate: 1 };
    const set = { default: custom, byModel: { special } };
    expect(profileForModel(set, 'special')).toBe(special);
    expect(profileForModel(set, 'other')).toBe(custom);
  });
});
