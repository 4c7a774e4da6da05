const FLAGGED = /nsfw|content.?polic|content checker|safety checker|flagged|sensitive/i;

/** fal refusals: `detail: [{ type: "content_policy_violation", msg }]`, or NSFW wording. */
export function falContentPolicyReason(json: unknown): string | undefined {
  const detail = (json as { detail?: unknown } | null | undefined)?.detail;
  if (Array.isArray(detail)) {
    for (const item of detail) {
      const { type, msg } = (item ?? {}) as { type?: unknown; msg?: unknown };
      if (type === 'content_policy_violation' || (typeof msg === 'string' && FLAGGED.test(msg))) {
        return typeof msg === 'string' ? msg : 'content_policy_violation';
      }
    }
  }
  if (typeof detail === 'string' && FLAGGED.test(detail)) return detail;
  const { error, error_type: errorType } = (json ?? {}) as {
    error?: unknown;
    error_type?: unknown;
  };
  if (errorType === 'content_policy_violation')
    return typeof error === 'string' ? error : errorType;
  if (typeof error === 'string' && FLAGGED.test(error)) return error;
  return undefined;
}
