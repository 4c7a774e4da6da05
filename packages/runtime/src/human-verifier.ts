import type { HumanVerifier } from '@arena/services';
import { z } from 'zod';
import type { HumanCheckConfig } from './human-check-config';

export type EnabledHumanCheck = Exclude<HumanCheckConfig, { provider: 'off' }>;

/** The siteverify answer both providers share (each adds fields of its own, ignored here). */
const siteverifyAnswer = z.object({
  success: z.boolean(),
  'error-codes': z.array(z.string()).optional(),
  hostname: z.string().optional(),
  challenge_ts: z.string().optional(),
});

/** Turnstile's "try again" code: the provider failed, not the voter. */
const PROVIDER_FAILURES = new Set(['internal-error']);

/**
 * Verifies widget tokens against the provider's siteverify API: a form-encoded POST of the
 * secret, the token and the client's address, under a deadline. Anything but a readable answer
 * (network failure, timeout, non-2xx, not the expected JSON, the provider's own internal error)
 * rejects, which the service turns into a 503: an outage must never let a voter through.
 */
export function createHumanVerifier(
  config: EnabledHumanCheck,
  options: { fetch?: typeof fetch } = {},
): HumanVerifier {
  const send = options.fetch ?? fetch;
  return {
    provider: config.provider,
    siteKey: config.siteKey,
    async verify({ token, remoteIp }) {
      const form = new URLSearchParams({ secret: config.secret, response: token });
      if (remoteIp && remoteIp !== 'unknown') form.set('remoteip', remoteIp);
      // hCaptcha then also checks that the token was issued for our site key.
      if (config.provider === 'hcaptcha') form.set('sitekey', config.siteKey);
      const signal = AbortSignal.timeout(config.timeoutMs);
      const response = await send(config.verifyUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form,
        redirect: 'error',
        signal,
      });
      if (!response.ok) throw new Error(`siteverify answered ${response.status}`);
      const answer = siteverifyAnswer.safeParse(await response.json());
      if (!answer.success) throw new Error('siteverify answer is not the expected JSON');
      const { success, hostname, challenge_ts: challengeTs } = answer.data;
      const errorCodes = answer.data['error-codes'] ?? [];
      if (success) return { success: true, hostname, challengeTs };
      if (errorCodes.some((code) => PROVIDER_FAILURES.has(code))) {
        throw new Error(`siteverify failed on the provider's side: ${errorCodes.join(', ')}`);
      }
      return { success: false, errorCodes };
    },
  };
}
