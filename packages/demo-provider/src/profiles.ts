/** How long the demo provider takes and how often it fails, per model. */
export interface LatencyProfile {
  /** Median generation time. */
  p50Ms: number;
  /** 95th percentile generation time. */
  p95Ms: number;
  /** Median time to first byte, part of the generation time. */
  ttfbP50Ms?: number;
  /** Share of calls that succeed, 0..1. */
  successRate: number;
}

/** A default profile plus overrides keyed by model slug. */
export interface LatencyProfileSet {
  default: LatencyProfile;
  byModel?: Readonly<Record<string, LatencyProfile>>;
}

export const DEMO_PROFILE_NAMES = ['instant', 'fast', 'realistic'] as const;
export type DemoProfileName = (typeof DEMO_PROFILE_NAMES)[number];

/** A profile by name, one profile for every model, or a set with per-model entries. */
export type DemoProfile = DemoProfileName | LatencyProfile | LatencyProfileSet;

/**
 * Measured on the reference arena's model pages (last 30 days): generation time p50 / p95,
 * success rate and TTFB p50, per model and provider.
 */
export const REFERENCE_MEASUREMENTS = [
  {
    model: 'nano-banana',
    provider: 'gemini',
    p50Ms: 7_886,
    p95Ms: 10_941,
    successRate: 0.579,
    ttfbP50Ms: 7_043,
  },
  {
    model: 'nano-banana',
    provider: 'fal',
    p50Ms: 31_825,
    p95Ms: 96_361,
    successRate: 1,
    ttfbP50Ms: 35_705,
  },
  {
    model: 'nano-banana-2',
    provider: 'gemini',
    p50Ms: 13_298,
    p95Ms: 24_656,
    successRate: 218 / 238,
    ttfbP50Ms: 13_167,
  },
  {
    model: 'nano-banana-2',
    provider: 'vertex',
    p50Ms: 29_915,
    p95Ms: 59_391,
    successRate: 23 / 30,
    ttfbP50Ms: 29_412,
  },
] as const;

const geometricMean = (values: number[]) =>
  Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length);

/** Models without measurements get the geometric mean of all rows (about 17.8 s p50, 35 s p95, 82%). */
const GENERIC_REALISTIC: LatencyProfile = {
  p50Ms: Math.round(geometricMean(REFERENCE_MEASUREMENTS.map((m) => m.p50Ms))),
  p95Ms: Math.round(geometricMean(REFERENCE_MEASUREMENTS.map((m) => m.p95Ms))),
  ttfbP50Ms: Math.round(geometricMean(REFERENCE_MEASUREMENTS.map((m) => m.ttfbP50Ms))),
  successRate:
    REFERENCE_MEASUREMENTS.reduce((sum, m) => sum + m.successRate, 0) /
    REFERENCE_MEASUREMENTS.length,
};

function fromMeasurement(model: string, provider: string): LatencyProfile {
  const m = REFERENCE_MEASUREMENTS.find((r) => r.model === model && r.provider === provider);
  if (!m) throw new Error(`no reference measurement for ${model} on ${provider}`);
  return { p50Ms: m.p50Ms, p95Ms: m.p95Ms, ttfbP50Ms: m.ttfbP50Ms, successRate: m.successRate };
}

export const DEMO_PROFILES: Readonly<Record<DemoProfileName, LatencyProfileSet>> = {
  /** No waiting and no failures of its own: for tests. */
  instant: { default: { p50Ms: 0, p95Ms: 0, ttfbP50Ms: 0, successRate: 1 } },
  /** The default: feels alive without making anyone wait. */
  fast: { default: { p50Ms: 250, p95Ms: 700, ttfbP50Ms: 180, successRate: 0.98 } },
  /** Latency and failures as measured on the reference pages, per model (first-party API). */
  realistic: {
    default: GENERIC_REALISTIC,
    byModel: {
      'nano-banana': fromMeasurement('nano-banana', 'gemini'),
      'nano-banana-2': fromMeasurement('nano-banana-2', 'gemini'),
    },
  },
};

function isLatencyProfile(profile: LatencyProfile | LatencyProfileSet): profile is LatencyProfile {
  return 'p50Ms' in profile;
}

/** The profile that applies to one model. */
export function profileForModel(profile: DemoProfile, modelSlug: string): LatencyProfile {
  const set = typeof profile === 'string' ? DEMO_PROFILES[profile] : profile;
  if (isLatencyProfile(set)) return set;
  return set.byModel?.[modelSlug] ?? set.default;
}

/** z for the 95th percentile of a standard normal. */
const Z95 = 1.6448536269514722;

/** A standard normal draw from a uniform source (Box-Muller). */
function normal(random: () => number): number {
  const u = Math.max(random(), Number.MIN_VALUE);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/**
 * A log-normal draw with the given median and 95th percentile:
 * mu = ln(p50), sigma = ln(p95 / p50) / 1.645.
 */
export function sampleLogNormal(p50: number, p95: number, random: () => number): number {
  if (p50 <= 0) return 0;
  const sigma = p95 > p50 ? Math.log(p95 / p50) / Z95 : 0;
  return p50 * Math.exp(sigma * normal(random));
}

export interface LatencySample {
  latencyMs: number;
  ttfbMs: number;
}

/** One call's generation time and the time to first byte within it. */
export function sampleLatency(
  profile: LatencyProfile,
  random: () => number,
  scale = 1,
): LatencySample {
  const latencyMs = sampleLogNormal(profile.p50Ms, profile.p95Ms, random) * scale;
  // The pages report TTFB medians close to (even above) generation medians: keep it inside.
  const share =
    profile.p50Ms > 0
      ? Math.min(0.98, (profile.ttfbP50Ms ?? profile.p50Ms * 0.9) / profile.p50Ms)
      : 0;
  const jitter = 1 + (random() - 0.5) * 0.04;
  return { latencyMs, ttfbMs: Math.min(latencyMs, latencyMs * share * jitter) };
}
