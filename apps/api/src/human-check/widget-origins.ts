import type { HumanCheckProvider } from '@arena/contract';

/**
 * Where each provider's widget loads its script, frames and requests from, as their
 * documentation lists them for a Content-Security-Policy. Allowed only when that provider is
 * configured; otherwise the policy names no third party at all.
 */
export const WIDGET_ORIGINS: Record<HumanCheckProvider, readonly string[]> = {
  turnstile: ['https://challenges.cloudflare.com'],
  hcaptcha: ['https://hcaptcha.com', 'https://*.hcaptcha.com'],
};
