/** Replicate's safety failures: "flagged as sensitive (E005)", NSFW checker messages. */
const FLAGGED = /nsfw|sensitive|flagged|content.?polic|safety|\bE005\b/i;

export function replicateContentPolicyReason(message: string | undefined): string | undefined {
  return message !== undefined && FLAGGED.test(message) ? message : undefined;
}

/** The same test on an HTTP error body (`{ detail, title }`). */
export function replicateErrorBodyReason(json: unknown): string | undefined {
  const { detail } = (json ?? {}) as { detail?: unknown };
  return typeof detail === 'string' ? replicateContentPolicyReason(detail) : undefined;
}
