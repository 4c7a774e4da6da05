/** How the arena talks to a provider: one adapter per kind. */
export const PROVIDER_KINDS = ['demo', 'openai-compatible', 'gemini', 'fal', 'replicate'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/** Hidden traits of a model on the offline demo provider. */
export interface DemoTraits {
  /** True strength in [0, 1]: simulated voters prefer higher quality, and the picture shows it. */
  quality: number;
  /** Probability that one call fails, on top of the latency profile's own failure rate. */
  failureRate?: number;
}
