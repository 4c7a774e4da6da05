/** Error class of a try whose worker died mid-call: not the provider's fault. */
export const WORKER_LOST = 'worker_lost';

/**
 * Failures that say nothing about a provider's health: the request itself was refused, or
 * our own worker died during the call.
 */
export const NOT_PROVIDER_FAULTS = ['content_policy', 'bad_request', WORKER_LOST];
