const ONE_YEAR_SECONDS = 365 * 24 * 3600;

/** The HSTS header's value. */
export const STRICT_TRANSPORT = `max-age=${ONE_YEAR_SECONDS}; includeSubDomains`;

/**
 * Whether the client reached us over HTTPS (directly, or through a trusted TLS proxy). `url`
 * is a request's URL, which the fetch API keeps serialised (scheme in lower case).
 */
export function isHttps(url: string, forwardedProto: string | undefined, trustProxy: boolean) {
  return url.startsWith('https:') || (trustProxy && forwardedProto === 'https');
}
