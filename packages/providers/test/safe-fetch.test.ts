import http from 'node:http';
import type { LookupAddress } from 'node:dns';
import type { AddressInfo, LookupFunction } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakePng } from '@arena/fake-providers';
import { safeFetch, type SafeFetchRequest, type UrlPolicy } from '../src';
import { deadlineWhen, providerError, shortDeadline } from './fake-harness';

let server: http.Server;
let base: string;
let port: number;
const hits: string[] = [];
let endlessBytesSent = 0;

const LOOPBACK: UrlPolicy = { requireHttps: false, allowedPrivateAddresses: ['127.0.0.1'] };

beforeAll(async () => {
  const png = await fakePng(3);
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    hits.push(url.pathname);
    switch (url.pathname) {
      case '/png':
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length });
        return res.end(png);
      case '/declared-big':
        res.writeHead(200, { 'content-length': 10_000_000 });
        return res.end();
      case '/endless': {
        // Never ends: only a cap enforced while streaming can stop it.
        res.writeHead(200, { 'content-type': 'image/png' });
        const chunk = Buffer.alloc(64 * 1024, 1);
        const pump = () => {
          while (!res.destroyed) {
            endlessBytesSent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
        };
        return pump();
      }
      case '/drip': {
        res.writeHead(200);
        const timer = setInterval(
          () => (res.destroyed ? clearInterval(timer) : res.write('x')),
          30,
        );
        return;
      }
      case '/hang':
        return;
      case '/redirect':
        res.writeHead(302, { location: url.searchParams.get('to') ?? '/png' });
        return res.end();
      case '/loop':
        res.writeHead(307, { location: '/loop' });
        return res.end();
      default:
        res.writeHead(404);
        return res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const get = (
  url: string,
  policy: SafeFetchRequest['policy'],
  extra: Partial<SafeFetchRequest> = {},
) => safeFetch({ url, policy, signal: AbortSignal.timeout(5000), maxBytes: 1024 * 1024, ...extra });

/** A resolver that answers from a table, counting its calls: stands in for DNS. */
function fakeDns(table: Record<string, string[]>): LookupFunction & { calls: string[] } {
  const calls: string[] = [];
  const lookup = ((hostname, _options, callback) => {
    calls.push(hostname);
    const addresses = table[hostname];
    if (!addresses)
      return callback(Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' }), '');
    const list: LookupAddress[] = addresses.map((address) => ({
      address,
      family: address.includes(':') ? 6 : 4,
    }));
    callback(null, list);
  }) as LookupFunction & { calls: string[] };
  lookup.calls = calls;
  return lookup;
}

describe('safeFetch: trusted base URL', () => {
  it('reaches a loopback server, with timings', async () => {
    const response = await get(`${base}/png`, 'trusted');
    expect(response.status).toBe(200);
    expect(response.body.subarray(1, 4).toString()).toBe('PNG');
    expect(response.ttfbMs).toBeGreaterThanOrEqual(0);
    expect(response.totalMs).toBeGreaterThanOrEqual(response.ttfbMs);
  });

  it('does not follow redirects', async () => {
    const response = await get(`${base}/redirect?to=/png`, 'trusted');
    expect(response.status).toBe(302);
  });
});

describe('safeFetch: untrusted URLs under the production policy', () => {
  it.each([
    ['plain http', 'http://images.example.com/a.png'],
    ['loopback', `https://127.0.0.1:${443}/a.png`],
    ['loopback in decimal', 'https://2130706433/a.png'],
    ['loopback in hex parts', 'https://0x7f.1/a.png'],
    ['unspecified', 'https://0.0.0.0/a.png'],
    ['RFC 1918', 'https://10.1.2.3/a.png'],
    ['RFC 1918 172.16/12', 'https://172.31.255.255/a.png'],
    ['CGNAT', 'https://100.64.0.1/a.png'],
    ['metadata', 'https://169.254.169.254/latest/meta-data/'],
    ['IPv6 loopback', 'https://[::1]/a.png'],
    ['IPv6 unique-local', 'https://[fd00::1]/a.png'],
    ['IPv6 link-local', 'https://[fe80::1]/a.png'],
    ['IPv4-mapped loopback', 'https://[::ffff:127.0.0.1]/a.png'],
    ['IPv4-mapped metadata in hex', 'https://[::ffff:a9fe:a9fe]/a.png'],
    ['credentials in the URL', 'https://user:pass@images.example.com/a.png'],
    ['a file URL', 'file:///etc/passwd'],
  ])('refuses %s before connecting', async (_label, url) => {
    const error = await providerError(get(url, {}), 'unsafe_url');
    expect(error.retryable).toBe(false);
  });

  it('refuses a host outside the allowlist', async () => {
    const error = await providerError(
      get('https://evil.example/a.png', { allowedHosts: ['fal.media', '*.fal.media'] }),
      'unsafe_url',
    );
    expect(error.message).toContain('host not allowed');
  });

  it('checks the address at connect time: a name resolving to a private address is refused', async () => {
    const lookup = fakeDns({ 'v3.fal.media': ['10.0.0.7'] });
    const policy: UrlPolicy = { allowedHosts: ['*.fal.media'], requireHttps: false, lookup };
    const error = await providerError(get(`http://v3.fal.media:${port}/png`, policy), 'unsafe_url');
    expect(error.message).toContain('forbidden address');
    expect(lookup.calls).toEqual(['v3.fal.media']);
  });

  it('refuses a name when any of its answers is private', async () => {
    const lookup = fakeDns({ 'mixed.example': ['93.184.216.34', '127.0.0.1'] });
    await providerError(
      get(`http://mixed.example:${port}/png`, { requireHttps: false, lookup }),
      'unsafe_url',
    );
  });

  it('refuses localhost through the real resolver', async () => {
    await providerError(get(`http://localhost:${port}/png`, { requireHttps: false }), 'unsafe_url');
    expect(hits).not.toContain('/never');
  });

  it('reports an unknown name as a network error', async () => {
    const lookup = fakeDns({});
    const error = await providerError(get('https://nowhere.example/a.png', { lookup }), 'network');
    expect(error.retryable).toBe(true);
  });
});

describe('safeFetch: loopback opt-in (tests only)', () => {
  it('fetches from 127.0.0.1 when the test allows exactly that address', async () => {
    const response = await get(`${base}/png`, LOOPBACK);
    expect(response.status).toBe(200);
  });

  it('a name that resolves to the allowed loopback address goes through the lookup', async () => {
    const lookup = fakeDns({ 'images.test': ['127.0.0.1'] });
    const response = await get(`http://images.test:${port}/png`, {
      ...LOOPBACK,
      allowedHosts: ['images.test'],
      lookup,
    });
    expect(response.status).toBe(200);
    expect(lookup.calls).toEqual(['images.test']);
  });

  it('follows a redirect that stays allowed', async () => {
    const response = await get(`${base}/redirect?to=/png`, LOOPBACK);
    expect(response.status).toBe(200);
    expect(response.redirects).toBe(1);
  });

  it.each([
    ['a private address', 'http://10.0.0.1/a.png'],
    ['the metadata address', 'http://169.254.169.254/latest/meta-data/'],
    ['another loopback address', 'http://127.0.0.2/a.png'],
    ['IPv6 loopback', 'http://[::1]/a.png'],
  ])('refuses a redirect to %s', async (_label, target) => {
    await providerError(
      get(`${base}/redirect?to=${encodeURIComponent(target)}`, LOOPBACK),
      'unsafe_url',
    );
  });

  it('refuses a redirect leaving the allowlist', async () => {
    const policy = { ...LOOPBACK, allowedHosts: ['127.0.0.1'] };
    await providerError(
      get(`${base}/redirect?to=${encodeURIComponent('https://example.com/a.png')}`, policy),
      'unsafe_url',
    );
  });

  it('gives up after too many redirects', async () => {
    const error = await providerError(
      get(`${base}/loop`, { ...LOOPBACK, maxRedirects: 3 }),
      'unsafe_url',
    );
    expect(error.message).toContain('redirects');
  });

  it('a trusted origin skips the checks for itself only', async () => {
    const response = await get(`${base}/png`, {}, { trustedOrigin: base });
    expect(response.status).toBe(200);
    await providerError(
      get(
        `${base}/redirect?to=${encodeURIComponent('http://10.0.0.1/')}`,
        {},
        { trustedOrigin: base },
      ),
      'unsafe_url',
    );
  });
});

describe('safeFetch: byte cap and deadline', () => {
  it('refuses a declared length over the cap without reading the body', async () => {
    await providerError(get(`${base}/declared-big`, LOOPBACK), 'too_large');
  });

  it('stops an endless body as soon as it passes the cap', async () => {
    const error = await providerError(
      get(`${base}/endless`, LOOPBACK, { maxBytes: 200_000 }),
      'too_large',
    );
    expect(error.retryable).toBe(false);
    expect(error.options.ttfbMs).toBeGreaterThanOrEqual(0);
    expect(endlessBytesSent).toBeGreaterThan(0);
  });

  it('times out a hang', async () => {
    const error = await providerError(
      get(`${base}/hang`, 'trusted', { signal: shortDeadline(200) }),
      'timeout',
    );
    expect(error.retryable).toBe(true);
  });

  it('times out a dripping body after its headers', async () => {
    const error = await providerError(
      get(`${base}/drip`, 'trusted', { signal: deadlineWhen(() => hits.includes('/drip'), 200) }),
      'timeout',
    );
    expect(error.options.ttfbMs).toBeGreaterThanOrEqual(0);
  });

  it('an already-passed deadline sends nothing', async () => {
    const before = hits.length;
    const controller = new AbortController();
    controller.abort();
    await providerError(get(`${base}/png`, 'trusted', { signal: controller.signal }), 'timeout');
    expect(hits.length).toBe(before);
  });

  it('a refused connection is a retryable network error', async () => {
    const error = await providerError(get('http://127.0.0.1:9/', 'trusted'), 'network');
    expect(error.message).toContain('ECONNREFUSED');
  });
});
