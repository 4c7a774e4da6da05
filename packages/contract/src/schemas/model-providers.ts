import { z } from 'zod';

/** Where a model is offered, at what price, and how each provider performed. */

export const providerPerformanceSchema = z.object({
  requests: z.number().int(),
  succeeded: z.number().int(),
  successRate: z.number().nullable(),
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
  ttfbP50Ms: z.number().nullable(),
});

export const modelProvidersSchema = z.object({
  model: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
  providers: z.array(
    z.object({
      provider: z.object({ slug: z.string(), name: z.string(), kind: z.string() }),
      providerModelId: z.string(),
      prices: z
        .record(z.string(), z.number())
        .meta({ description: 'USD per image by resolution tier' }),
      pricingNotes: z.string().nullable(),
      priority: z.number().int(),
      enabled: z.boolean(),
      performance: providerPerformanceSchema.meta({ description: 'the last 30 days of calls' }),
    }),
  ),
});
export type ModelProviders = z.infer<typeof modelProvidersSchema>;
