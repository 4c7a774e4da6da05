import { battles, voters, votes } from '@arena/db';
import { inArray } from 'drizzle-orm';
import { loadConfig } from '@arena/runtime';
import { TEST_REDIS_URL, uniqueQueuePrefix, deleteQueueKeys } from '@arena/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { createRequestLimits, type RequestLimits } from '../../src/limits/request-limits';
import { startVotableArena, TEST_SESSION_SECRET, type TestArena } from '../support/arena';
import { lookAt, newBattle } from '../support/battles';
import { expectError } from '../support/errors';
import { serveOnLoopback, type LoopbackServer } from '../support/http-server';

/** Limits small enough to reach in a test; everything else as production defaults. */
const SMALL = {
  LIMIT_VOTES_PER_MINUTE: '3',
  LIMIT_NEW_VOTERS_PER_HOUR_PER_ADDRESS: '4',
  LIMIT_EXPORTS_PER_HOUR_PER_ADDRESS: '2',
  LIMIT_BATTLES_PER_MINUTE: '8',
};

/**
 * Request limits per voter and per client address (limits/*, on battles, votes, new voters
 * and exports), through a real socket so that the app sees the peer's address.
 */
describe('request limits', () => {
  let arena: TestArena;
  const opened: Array<{ server: LoopbackServer; limits: RequestLimits }> = [];
  const prefixes: string[] = [];

  async function serveWith(
    env: Record<string, string>,
    store: { redis?: boolean; prefix?: string } = {},
  ) {
    const prefix = store.prefix ?? uniqueQueuePrefix();
    prefixes.push(prefix);
    const config = loadConfig({ ...SMALL, ...env });
    const limits = createRequestLimits(config.limits, {
      redisUrl: store.redis ? TEST_REDIS_URL : undefined,
      prefix,
    });
    const app = createApp({ ctx: arena.runtime.ctx, sessionSecret: TEST_SESSION_SECRET, limits });
    const server = await serveOnLoopback(app);
    opened.push({ server, limits });
    return { server, limits, prefix };
  }

  beforeAll(async () => {
    arena = await startVotableArena('postgres', { MIN_VIEW_MS: '0' });
  });
  afterAll(async () => {
    for (const { server, limits } of opened) {
      await server.close();
      await limits.close();
    }
    for (const prefix of prefixes) await deleteQueueKeys(prefix);
    await arena?.close();
  });

  it('refuses a voter past its votes per minute with 429 and Retry-After, storing nothing', async () => {
    const { server } = await serveWith({});
    const voter = server.client();
    const counted = await arena.runtime.ctx.db.$count(votes);
    for (let i = 0; i < 3; i += 1) {
      const battle = await newBattle(voter);
      expect((await voter.post(`/api/battles/${battle.id}/vote`, { outcome: 'left' })).status).toBe(
        200,
      );
    }
    const battle = await newBattle(voter);
    const refused = await voter.post(`/api/battles/${battle.id}/vote`, { outcome: 'left' });
    expectError(refused, 429, 'rate_limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(await arena.runtime.ctx.db.$count(votes)).toBe(counted + 3);
  });

  it('refuses new voters past the address limit, even with X-Forwarded-For rotated', async () => {
    const { server } = await serveWith({});
    const before = await arena.runtime.ctx.db.$count(voters);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      // A fresh cookie-less client each time, claiming another address each time.
      const response = await server
        .client()
        .post('/api/battles', { arena: 'text-to-image' }, { 'x-forwarded-for': `203.0.113.${i}` });
      statuses.push(response.status);
      if (response.status === 429) expectError(response, 429, 'rate_limited');
    }
    expect(statuses).toEqual([201, 201, 201, 201, 429, 429, 429, 429]);
    expect(await arena.runtime.ctx.db.$count(voters)).toBe(before + 4);
  });

  it('believes X-Forwarded-For from a trusted proxy, from the right, past the proxies', async () => {
    const { server } = await serveWith({ TRUSTED_PROXIES: '127.0.0.0/8, 10.0.0.0/8' });
    const from = (chain: string) =>
      server
        .client()
        .post('/api/battles', { arena: 'text-to-image' }, { 'x-forwarded-for': chain });
    // Four clients behind the proxy, four new voters each: nobody is refused.
    for (let client = 1; client <= 4; client += 1) {
      for (let i = 0; i < 4; i += 1) expect((await from(`198.51.100.${client}`)).status).toBe(201);
    }
    // One client forging what sits left of its real address gains nothing: it is 198.51.100.9.
    const forged = [];
    for (let i = 0; i < 6; i += 1) {
      forged.push((await from(`192.0.2.${i}, 198.51.100.9, 10.1.2.3`)).status);
    }
    expect(forged).toEqual([201, 201, 201, 201, 429, 429]);
  });

  it('limits exports per address', async () => {
    const { server } = await serveWith({});
    const client = server.client();
    expect((await client.get('/api/votes/export')).status).toBe(200);
    expect((await client.get('/api/votes/export?format=csv')).status).toBe(200);
    expectError(await client.get('/api/votes/export'), 429, 'rate_limited');
  });

  it('holds a limit across API processes sharing Redis', async () => {
    const a = await serveWith({}, { redis: true });
    const b = await serveWith({}, { redis: true, prefix: a.prefix });
    const statuses = [];
    for (let i = 0; i < 6; i += 1) {
      const server = i % 2 === 0 ? a.server : b.server;
      statuses.push(
        (await server.client().post('/api/battles', { arena: 'text-to-image' })).status,
      );
    }
    // Four new voters from this address in all, whichever process served them.
    expect(statuses).toEqual([201, 201, 201, 201, 429, 429]);
  });

  it('lets everything through with RATE_LIMIT=off', async () => {
    const { server } = await serveWith({ RATE_LIMIT: 'off' });
    const voter = server.client();
    for (let i = 0; i < 6; i += 1) {
      const battle = await newBattle(voter);
      await lookAt(voter, battle);
      expect((await voter.post(`/api/battles/${battle.id}/vote`, { outcome: 'tie' })).status).toBe(
        200,
      );
    }
    for (let i = 0; i < 6; i += 1)
      expect((await server.client().get('/api/votes/export')).status).toBe(200);
  });

  it("records each battle's and vote's network as a keyed hash, the same whatever the cookie or header", async () => {
    const { server } = await serveWith({ RATE_LIMIT: 'off' });
    const battleIds: string[] = [];
    for (const forwarded of ['192.0.2.1', '198.51.100.77']) {
      const voter = server.client(); // a fresh voter each time
      const battle = await newBattle(voter, undefined);
      const headers = { 'x-forwarded-for': forwarded };
      expect(
        (await voter.post(`/api/battles/${battle.id}/vote`, { outcome: 'left' }, headers)).status,
      ).toBe(200);
      battleIds.push(battle.id);
    }
    const rows = await arena.runtime.ctx.db
      .select({ addressKey: votes.addressKey })
      .from(votes)
      .where(inArray(votes.battleId, battleIds));
    expect(rows).toHaveLength(2);
    // The peer (127.0.0.1) is not a trusted proxy: its header counts for nothing.
    expect(rows[0]!.addressKey).toMatch(/^[\w-]{22}$/);
    expect(rows[1]!.addressKey).toBe(rows[0]!.addressKey);
    expect(rows[0]!.addressKey).not.toContain('127.0.0.1');
    const issued = await arena.runtime.ctx.db
      .select({ addressKey: battles.addressKey })
      .from(battles)
      .where(inArray(battles.id, battleIds));
    expect(issued.map((row) => row.addressKey)).toEqual([rows[0]!.addressKey, rows[0]!.addressKey]);
  });
});
