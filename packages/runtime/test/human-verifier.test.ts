import { FakeSiteverify } from '@arena/fake-providers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHumanVerifier, loadConfig, type EnabledHumanCheck } from '../src';

/** The verifier against a loopback server speaking the siteverify API. */
describe('human-check verifier', () => {
  let fake: FakeSiteverify;

  const verifierFor = (provider: 'turnstile' | 'hcaptcha', env: Record<string, string> = {}) => {
    const config = loadConfig({
      HUMAN_CHECK: provider,
      HUMAN_CHECK_SITE_KEY: 'site-key-1',
      HUMAN_CHECK_SECRET: fake.secret,
      HUMAN_CHECK_VERIFY_URL: fake.url,
      ...env,
    }).humanCheck as EnabledHumanCheck;
    return createHumanVerifier(config);
  };

  beforeAll(async () => {
    fake = await new FakeSiteverify().start();
  });
  afterAll(async () => {
    await fake?.close();
  });
  beforeEach(() => {
    fake.mode = 'normal';
    fake.requests.length = 0;
  });

  it('posts the secret, the token and the client address form-encoded, and passes', async () => {
    const verifier = verifierFor('turnstile');
    const token = fake.issue();
    const verdict = await verifier.verify({ token, remoteIp: '198.51.100.7' });
    expect(verdict).toMatchObject({ success: true, hostname: 'arena.test' });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]!.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect(fake.requests[0]!.form).toEqual({
      secret: fake.secret,
      response: token,
      remoteip: '198.51.100.7',
    });
    expect([verifier.provider, verifier.siteKey]).toEqual(['turnstile', 'site-key-1']);
  });

  it('sends the site key to hCaptcha, and no address when it is unknown', async () => {
    const token = fake.issue();
    expect(await verifierFor('hcaptcha').verify({ token, remoteIp: 'unknown' })).toMatchObject({
      success: true,
    });
    expect(fake.requests[0]!.form).toEqual({
      secret: fake.secret,
      response: token,
      sitekey: 'site-key-1',
    });
  });

  it("fails with the provider's error codes: unknown, reused, or with a wrong secret", async () => {
    const verifier = verifierFor('turnstile');
    expect(await verifier.verify({ token: 'forged' })).toEqual({
      success: false,
      errorCodes: ['invalid-input-response'],
    });
    const token = fake.issue();
    expect((await verifier.verify({ token })).success).toBe(true);
    expect(await verifier.verify({ token })).toEqual({
      success: false,
      errorCodes: ['timeout-or-duplicate'],
    });
    const wrongSecret = verifierFor('turnstile', { HUMAN_CHECK_SECRET: 'not-the-secret' });
    expect(await wrongSecret.verify({ token: fake.issue() })).toEqual({
      success: false,
      errorCodes: ['invalid-input-secret'],
    });
  });

  it('rejects, never passes, when the provider hangs past the deadline', async () => {
    fake.mode = 'hang';
    const verifier = verifierFor('turnstile', { HUMAN_CHECK_TIMEOUT_MS: '300' });
    const started = performance.now();
    await expect(verifier.verify({ token: fake.issue() })).rejects.toThrow();
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it("rejects on a 500, on an answer that is not JSON and on the provider's internal error", async () => {
    const verifier = verifierFor('turnstile');
    for (const mode of ['http-500', 'not-json', 'internal-error'] as const) {
      fake.mode = mode;
      await expect(verifier.verify({ token: fake.issue() }), mode).rejects.toThrow();
    }
  });

  it('rejects when nothing listens at the verify URL', async () => {
    const down = await new FakeSiteverify().start();
    const url = down.url;
    await down.close();
    const verifier = verifierFor('turnstile', { HUMAN_CHECK_VERIFY_URL: url });
    await expect(verifier.verify({ token: 'any' })).rejects.toThrow();
  });
});
