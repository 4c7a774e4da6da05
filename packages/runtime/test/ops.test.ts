import { describe, expect, it } from 'vitest';
import { bearerMatches, humanLine, loadConfig, routineLevel } from '../src';

describe('operations settings', () => {
  it('log short lines when embedded and JSON lines in production, unless told', () => {
    expect(loadConfig({}).ops.logFormat).toBe('pretty');
    expect(loadConfig({ DATABASE_URL: 'postgres://db/arena' }).ops.logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'json' }).ops.logFormat).toBe('json');
    // The line per request and per job is hidden from the embedded terminal.
    expect(routineLevel('pretty')).toBe('debug');
    expect(routineLevel('json')).toBe('info');
  });

  it('default the probes and metrics settings', () => {
    const { ops } = loadConfig({});
    expect(ops).toMatchObject({
      readyWorkerWindowMs: 30_000,
      workerHeartbeatMs: 5_000,
      metricsPort: 9464,
      metricsToken: undefined,
    });
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
  });
});

describe('the embedded terminal log line', () => {
  it('is the time, level, message and fields of the JSON line', () => {
    const time = new Date(2030, 0, 2, 3, 4, 5).getTime();
    const json = JSON.stringify({
      level: 40,
      time,
      pid: 1,
      hostname: 'h',
      name: 'arena-api',
      msg: 'no web build found',
      port: 8787,
      err: { message: 'boom', stack: 'at x' },
    });
    expect(humanLine(json)).toBe('03:04:05 warn  no web build found  port=8787 error=boom\n');
    expect(humanLine('not json')).toBe('not json\n');
  });
});

describe('the metrics token', () => {
  it('is needed only when configured, as a bearer token', () => {
    const token = 'a-metrics-token-of-length';
    expect(bearerMatches(undefined, undefined)).toBe(true);
    expect(bearerMatches(undefined, token)).toBe(false);
    expect(bearerMatches(`Bearer ${token}`, token)).toBe(true);
    expect(bearerMatches(`Bearer ${token}x`, token)).toBe(false);
    expect(bearerMatches(token, token)).toBe(false);
  });
});
