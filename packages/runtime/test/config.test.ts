import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src';

describe('configuration', () => {
  it('defaults to the embedded mode', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
    expect(config.port).toBe(8787);
    expect(config.eloK).toBe(32);
    expect(config.demo.profile).toBe('fast');
  });

  it('treats empty variables as unset and names every bad one', () => {
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
    let message = '';
    try {
      loadConfig({ PORT: 'eighty', ELO_K: '-1' });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/ELO_K/);
  });
});
