import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, loadConfig, SITEVERIFY_URLS } from '../src';

const ENABLED = { HUMAN_CHECK_SITE_KEY: 'site-key', HUMAN_CHECK_SECRET: 'secret-value-0123' };

describe('human-check configuration', () => {
  it('is off by default, with thresholds still set', () => {
    expect(loadConfig({}).humanCheck).toEqual({
      provider: 'off',
      afterVotes: 100,
      newVotersPerAddress: 5,
    });
  });

  it("verifies at the provider's own siteverify URL unless told otherwise", () => {
    for (const provider of ['turnstile', 'hcaptcha'] as const) {
      expect(loadConfig({ HUMAN_CHECK: provider, ...ENABLED }).humanCheck).toMatchObject({
        provider,
        siteKey: 'site-key',
        secret: 'secret-value-0123',
        verifyUrl: SITEVERIFY_URLS[provider],
      });
    }
    expect(SITEVERIFY_URLS).toEqual({
      turnstile: 'https://challenges.cloudflare.com/turnstile/v0/siteverify',
      hcaptcha: 'https://api.hcaptcha.com/siteverify',
    });
    const local = loadConfig({
      HUMAN_CHECK: 'hcaptcha',
      ...ENABLED,
      HUMAN_CHECK_VERIFY_URL: 'http://127.0.0.1:9/siteverify',
      HUMAN_CHECK_AFTER_VOTES: '7',
      HUMAN_CHECK_NEW_VOTERS_PER_ADDRESS: '2',
    }).humanCheck;
    expect(local).toMatchObject({
      verifyUrl: 'http://127.0.0.1:9/siteverify',
      afterVotes: 7,
      newVotersPerAddress: 2,
    });
  });

  it('refuses a provider without its site key or secret, naming what is missing', () => {
    expect(() => loadConfig({ HUMAN_CHECK: 'turnstile', HUMAN_CHECK_SITE_KEY: 'k' })).toThrow(
      /HUMAN_CHECK_SECRET: required when HUMAN_CHECK=turnstile/,
    );
    expect(() => loadConfig({ HUMAN_CHECK: 'hcaptcha', HUMAN_CHECK_SECRET: 's' })).toThrow(
      /HUMAN_CHECK_SITE_KEY: required when HUMAN_CHECK=hcaptcha/,
    );
    expect(() => loadConfig({ HUMAN_CHECK: 'recaptcha', ...ENABLED })).toThrow(/HUMAN_CHECK/);
    expect(() =>
      loadConfig({ HUMAN_CHECK: 'turnstile', ...ENABLED, HUMAN_CHECK_AFTER_VOTES: '0' }),
    ).toThrow(/HUMAN_CHECK_AFTER_VOTES/);
  });

  it('never logs the secret, even inside a logged configuration', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger('info', 'test', sink);
    const config = loadConfig({ HUMAN_CHECK: 'turnstile', ...ENABLED });
    logger.info({ config }, 'configuration');
    logger.info(config, 'configuration, flat');
    logger.info({ humanCheck: config.humanCheck }, 'human check');
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line).not.toContain('secret-value-0123');
      expect(line).toContain('site-key');
    }
  });
});
