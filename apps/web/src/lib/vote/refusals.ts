import type { HumanCheckChallenge } from '@arena/contract';
import type { ApiError } from '$lib/api';

/** The `details` of a `human_check_required` refusal, when they are what the UI expects. */
export function humanCheckOf(error: ApiError): HumanCheckChallenge | null {
  const details = error.details as Partial<HumanCheckChallenge> | null | undefined;
  if (!details || typeof details.siteKey !== 'string') return null;
  if (details.provider !== 'turnstile' && details.provider !== 'hcaptcha') return null;
  return { provider: details.provider, siteKey: details.siteKey };
}

/** A vote refused for good: this battle can take no vote, whatever the voter does. */
export const BATTLE_ENDED_CODES: ReadonlySet<string> = new Set([
  'already_voted',
  'battle_not_yours',
  'battle_not_found',
]);

/** The battle closed under the voter: a fresh one is fetched without asking them. */
export const BATTLE_CLOSED_CODES: ReadonlySet<string> = new Set([
  'battle_expired',
  'challenge_closed',
]);
