import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestRuntime, type TestRuntime } from '@arena/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { TEST_SESSION_SECRET } from '../support/arena';

const BOOTSTRAP = `\n  window.__arena = { base: "" };\n  import("/_app/start.js");\n`;
const INDEX = `<!doctype html><html><head><title>Arena</title></head><body>
<div style="display: contents"><script>${BOOTSTRAP}</script></div>
<script src="/_app/other.js"></script></body></html>`;

const directives = (header: string | null) =>
  Object.fromEntries(
    (header ?? '').split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name, values];
    }),
  );

/** Headers the app adds to every response: a strict CSP, and HSTS only over HTTPS. */
describe('security headers', () => {
  let test: TestRuntime;
  let webDir: string;

  beforeAll(async () => {
    test = await createTestRuntime({ driver: 'postgres' });
    webDir = await mkdtemp(join(tmpdir(), 'arena-web-'));
    await writeFile(join(webDir, 'index.html'), INDEX);
  });
  afterAll(async () => {
    await test?.close();
    if (webDir) await rm(webDir, { recursive: true, force: true });
  });

  const app = (trustProxy = false) =>
    createApp({ ctx: test.runtime.ctx, sessionSecret: TEST_SESSION_SECRET, webDir, trustProxy });

  it('allows only this origin, and the page inline bootstrap by its hash', async () => {
    const page = await app().request('/leaderboard/text-to-image');
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(INDEX);
    const csp = directives(page.headers.get('content-security-policy'));
    const bootstrap = `'sha256-${createHash('sha256').update(BOOTSTRAP).digest('base64')}'`;
    expect(csp['script-src']).toEqual(["'self'", bootstrap]);
    expect(csp['script-src']).not.toContain("'unsafe-inline'");
    expect(csp['script-src']).not.toContain("'unsafe-eval'");
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['style-src']).toEqual(["'self'"]);
    expect(csp['connect-src']).toEqual(["'self'"]);
    expect(csp['img-src']).toEqual(["'self'", 'data:', 'blob:']);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['base-uri']).toEqual(["'none'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    // API answers carry it too: a JSON body opened as a page runs nothing either.
    const api = await app().request('/api/health');
    expect(api.headers.get('content-security-policy')).toBe(
      page.headers.get('content-security-policy'),
    );
  });

  it('allows the human-check provider, and only it, when one is configured', async () => {
    const withCheck = (provider: 'turnstile' | 'hcaptcha') =>
      createApp({
        ctx: {
          ...test.runtime.ctx,
          humanCheck: { provider, siteKey: 'k', verify: () => Promise.reject(new Error('unused')) },
        },
        sessionSecret: TEST_SESSION_SECRET,
        webDir,
      });
    const expected = {
      turnstile: ['https://challenges.cloudflare.com'],
      hcaptcha: ['https://hcaptcha.com', 'https://*.hcaptcha.com'],
    };
    for (const provider of ['turnstile', 'hcaptcha'] as const) {
      const page = await withCheck(provider).request('/vote/text-to-image');
      const csp = directives(page.headers.get('content-security-policy'));
      const origins = expected[provider];
      expect(csp['script-src']!.slice(-origins.length), provider).toEqual(origins);
      expect(csp['frame-src'], provider).toEqual(origins);
      expect(csp['connect-src'], provider).toEqual(["'self'", ...origins]);
      expect(csp['style-src'], provider).toEqual(["'self'", ...origins]);
      expect(csp['default-src'], provider).toEqual(["'self'"]);
      expect(csp['frame-ancestors'], provider).toEqual(["'none'"]);
    }
    // Without a check configured, no third party anywhere in the policy.
    const off = await app().request('/vote/text-to-image');
    const policy = off.headers.get('content-security-policy') ?? '';
    expect(policy).not.toMatch(/https:/);
    expect(directives(policy)['frame-src']).toEqual(["'none'"]);
  });

  it('sends HSTS over HTTPS only, and believes X-Forwarded-Proto only from a trusted proxy', async () => {
    const hsts = async (trustProxy: boolean, url: string, headers: Record<string, string> = {}) =>
      (await app(trustProxy).request(url, { headers })).headers.get('strict-transport-security');
    expect(await hsts(false, 'http://arena.test/api/health')).toBeNull();
    expect(await hsts(false, 'https://arena.test/api/health')).toMatch(
      /^max-age=31536000; includeSubDomains$/,
    );
    const forwarded = { 'x-forwarded-proto': 'https' };
    expect(await hsts(false, 'http://arena.test/api/health', forwarded)).toBeNull();
    expect(await hsts(true, 'http://arena.test/api/health', forwarded)).toMatch(/^max-age=/);
  });
});
