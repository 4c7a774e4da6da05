/**
 * Removes an API key from text a provider sent back, including the halves gateways show
 * ("sk-abc...xyz"), so that no message, log line or stored error ever carries it.
 */
export function scrubSecret(text: string, secret: string | undefined): string {
  if (!secret || secret.length < 4) return text;
  let out = text.split(secret).join('[redacted]');
  if (secret.length >= 16) {
    for (const part of [secret.slice(0, 8), secret.slice(-8)]) {
      out = out.split(part).join('[redacted]');
    }
  }
  return out;
}
