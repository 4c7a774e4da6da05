/** OpenAI's refusals: `content_policy_violation` (DALL-E) and `moderation_blocked` (gpt-image). */
export function openAiContentPolicyReason(json: unknown): string | undefined {
  const error = (
    json as { error?: { code?: unknown; type?: unknown; message?: unknown } } | undefined
  )?.error;
  if (!error) return undefined;
  const message = typeof error.message === 'string' ? error.message : undefined;
  if (error.code === 'content_policy_violation' || error.code === 'moderation_blocked') {
    return message ?? String(error.code);
  }
  if (
    error.type === 'image_generation_user_error' &&
    message &&
    /safety|moderation/i.test(message)
  ) {
    return message;
  }
  return undefined;
}
