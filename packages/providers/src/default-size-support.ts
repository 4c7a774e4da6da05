import type { ProviderKind, ResolutionTier } from '@arena/core';
import type { SizeSupport } from './size-mapping';

/**
 * Best guesses from the model id, used when the offering does not say what sizes the model
 * accepts (`GenerateRequest.sizeSupport`). Unknown models get the API's general shape.
 */
const GEMINI_RATIOS = ['1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9'];
const REPLICATE_RATIOS = [...GEMINI_RATIOS, '9:21'];
const MULTI_TIER = /nano-banana-pro|nano-banana-2|gemini-3|seedream-4/i;

export function defaultSizeSupport(kind: ProviderKind, modelId: string): SizeSupport {
  switch (kind) {
    case 'openai-compatible':
      if (/^(openai\/)?gpt-image-1/.test(modelId)) {
        return { kind: 'sizes', sizes: [sq(1024), wh(1536, 1024), wh(1024, 1536)] };
      }
      if (/^(openai\/)?dall-e-3$/.test(modelId)) {
        return { kind: 'sizes', sizes: [sq(1024), wh(1792, 1024), wh(1024, 1792)] };
      }
      if (/^(openai\/)?dall-e-2$/.test(modelId)) {
        return { kind: 'sizes', sizes: [sq(256), sq(512), sq(1024)] };
      }
      return { kind: 'free' };
    case 'gemini':
      return { kind: 'ratios', ratios: GEMINI_RATIOS, tiers: tiersFor(modelId) };
    case 'fal':
      if (/nano-banana|gemini|imagen/i.test(modelId)) {
        return { kind: 'ratios', ratios: REPLICATE_RATIOS, tiers: tiersFor(modelId) };
      }
      return { kind: 'free', minEdge: 256, maxEdge: 4096, multipleOf: 8 };
    case 'replicate':
      return { kind: 'ratios', ratios: REPLICATE_RATIOS, tiers: tiersFor(modelId) };
    case 'demo':
      return { kind: 'free' };
  }
}

function tiersFor(modelId: string): readonly ResolutionTier[] {
  return MULTI_TIER.test(modelId) ? ['1K', '2K', '4K'] : ['1K'];
}

function sq(edge: number) {
  return { width: edge, height: edge };
}

function wh(width: number, height: number) {
  return { width, height };
}
