import { voters } from '@arena/db';
import { FakeSiteverify } from '@arena/fake-providers';
import { createHumanVerifier, loadConfig } from '@arena/runtime';
import type { ServiceContext } from '@arena/services';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { createNewVoterCheck, type NewVoterCheck } from '../../src/human-check/new-voter-check';
import { createRequestLimits, type RequestLimits } from '../../src/limits/request-limits';
import { startVotableArena, TEST_SESSION_SECRET, type TestArena } from '../support/arena';
import { battleRow, newBattle, voterIdOf, votesOn } from '../support/battles';
import type { TestClient } from '../support/client';
import { expectError } from '../support/errors';
import { serveOnLoopback, type LoopbackServer } from '../support/http-server';

const SITE_KEY = 'site-key-0123';
let prefixes = 0;

/**
 * The human check (HUMAN_CHECK): a voter past a threshold is refused with
 * `human_check_required` until it posts a token the provider verifies, here a loopback server
 * speaking the siteverify API. Served through a real socket, so the client address is known.
 */
describe('human check', () => {
  let arena: TestArena;
  let fake: FakeSiteverify;
  const opened: Array<{ server: LoopbackServer; limits: RequestLimits; check?: NewVoterCheck }> =
    [];

  async function serveWith(env: Record<string, string>) {
    const config = loadConfig({
      HUMAN_CHECK: 'turnstile',
      HUMAN_CHECK_SITE_KEY: SITE_KEY,
      HUMAN_CHECK_SECRET: fake.secret,
      HUMAN_CHECK_VERIFY_URL: fake.url,
      ...env,
    });
    const base = arena.runtime.ctx;
    const human = config.humanCheck;
    const ctx: ServiceContext = {
      ...base,
      config: { ...base.config, humanCheck: { afterVotes: human.afterVotes } },
      humanCheck: human.provider === 'off' ? undefined : createHumanVerifier(human),
    };
    const prefix = `human-check-test-${process.pid}-${(prefixes += 1)}`;
    const limits = createRequestLimits(config.limits, { prefix });
    const check =
      human.provider === 'off'
        ? undefined
        : createNewVoterCheck(human.newVotersPerAddress, { prefix });
    const app = createApp({
      ctx,
      sessionSecret: TEST_SESSION_SECRET,
      limits,
      newVoterCheck: check,
    });
    const server = await serveOnLoopback(app);
    opened.push({ server, limits, check });
    return server;
  }

  const vote = (voter: TestClient, battleId: string) =>
    voter.post(`/api/battles/${battleId}/vote`, { outcome: 'left' });
  const pass = (voter: TestClient, token: string) =>
    voter.post('/api/voters/human-check', { token });
  const voterRow = async (voter: TestClient) => {
    const [row] = await arena.runtime.ctx.db
      .select()
      .from(voters)
      .where(eq(voters.id, voterIdOf(voter.cookie!)));
    return row!;
  };

  function expectCheckRequired(response: Awaited<ReturnType<typeof vote>>) {
    expectError(response, 403, 'human_check_required');
    expect(response.body.details).toEqual({ provider: 'turnstile', siteKey: SITE_KEY });
  }

  beforeAll(async () => {
    fake = await new FakeSiteverify().start();
    arena = await startVotableArena('postgres', { MIN_VIEW_MS: '0' });
  });
  afterAll(async () => {
    for (const { server, limits, check } of opened) {
      await server.close();
      await limits.close();
      await check?.close();
    }
    await arena?.close();
    await fake?.close();
  });
  beforeEach(() => {
    fake.mode = 'normal';
    fake.requests.length = 0;
  });

  it('asks for a check every N votes; the refused vote counts once the token passes', async () => {
    const server = await serveWith({ HUMAN_CHECK_AFTER_VOTES: '2' });
    const voter = server.client();
    for (let i = 0; i < 2; i += 1) {
      expect((await vote(voter, (await newBattle(voter)).id)).status).toBe(200);
    }
    const battle = await newBattle(voter);
    expectCheckRequired(await vote(voter, battle.id));
    // Nothing stored, the battle still open, the requirement on the voter; asking again changes nothing.
    expect(await votesOn(arena.runtime.ctx.db, battle.id)).toEqual([]);
    expect((await battleRow(arena.runtime.ctx.db, battle.id)).votedAt).toBeNull();
    expect((await voterRow(voter)).humanCheckRequiredAt).not.toBeNull();
    expectCheckRequired(await vote(voter, battle.id));

    // A token the provider does not know: refused with its error codes, still required.
    const forged = await pass(voter, 'forged-token');
    expectError(forged, 403, 'human_check_failed');
    expect(forged.body.details).toEqual({ errorCodes: ['invalid-input-response'] });
    expect((await voterRow(voter)).humanCheckedAt).toBeNull();
    expectCheckRequired(await vote(voter, battle.id));

    const token = fake.issue();
    const passed = await pass(voter, token);
    expect(passed.status).toBe(200);
    expect(passed.body).toEqual({ passed: true, checkedAt: expect.any(String) });
    // The provider was asked with our secret, the token and the client's address.
    expect(fake.requests.at(-1)!.form).toEqual({
      secret: fake.secret,
      response: token,
      remoteip: '127.0.0.1',
    });
    const counted = await vote(voter, battle.id);
    expect(counted.status).toBe(200);
    expect(counted.body.counted).toBe(true);
    expect(await votesOn(arena.runtime.ctx.db, battle.id)).toHaveLength(1);

    // A token is good once; and N votes after the pass, the next check is due.
    expectError(await pass(voter, token), 403, 'human_check_failed');
    expect((await vote(voter, (await newBattle(voter)).id)).status).toBe(200);
    expectCheckRequired(await vote(voter, (await newBattle(voter)).id));
  });

  it('asks the voters an address starts beyond its daily allowance before their first vote', async () => {
    const server = await serveWith({ HUMAN_CHECK_NEW_VOTERS_PER_ADDRESS: '2' });
    const statuses = [];
    const clients = [server.client(), server.client(), server.client(), server.client()];
    const battles = [];
    for (const client of clients) {
      const battle = await newBattle(client);
      battles.push(battle);
      statuses.push((await vote(client, battle.id)).status);
    }
    expect(statuses).toEqual([200, 200, 403, 403]);
    const late = clients[3]!;
    expectCheckRequired(await vote(late, battles[3]!.id));
    expect((await pass(late, fake.issue())).status).toBe(200);
    expect((await vote(late, battles[3]!.id)).status).toBe(200);
  });

  it('answers 503 and keeps the requirement when the provider cannot be reached', async () => {
    const server = await serveWith({
      HUMAN_CHECK_AFTER_VOTES: '1',
      HUMAN_CHECK_TIMEOUT_MS: '300',
    });
    const voter = server.client();
    expect((await vote(voter, (await newBattle(voter)).id)).status).toBe(200);
    const battle = await newBattle(voter);
    expectCheckRequired(await vote(voter, battle.id));
    for (const mode of ['hang', 'http-500'] as const) {
      fake.mode = mode;
      expectError(await pass(voter, fake.issue()), 503, 'human_check_unavailable', mode);
    }
    expect((await voterRow(voter)).humanCheckedAt).toBeNull();
    expectCheckRequired(await vote(voter, battle.id));
  });

  it('refuses a malformed body with 400 and too many attempts with 429', async () => {
    const server = await serveWith({ LIMIT_HUMAN_CHECKS_PER_MINUTE: '6' });
    const voter = server.client();
    await newBattle(voter, undefined, { look: false });
    // Each request counts against the limit, valid or not: 4 + 2 pass, the seventh is refused.
    for (const body of [{}, { token: '' }, { token: 'x', extra: 1 }, { token: 'x'.repeat(5000) }]) {
      expectError(await voter.post('/api/voters/human-check', body), 400, 'invalid_request');
    }
    expectError(await pass(voter, 'forged'), 403, 'human_check_failed');
    expectError(await pass(voter, 'forged'), 403, 'human_check_failed');
    const limited = await pass(voter, fake.issue());
    expectError(limited, 429, 'rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('changes nothing with HUMAN_CHECK=off, even for a voter marked earlier', async () => {
    const server = await serveWith({
      HUMAN_CHECK: 'off',
      HUMAN_CHECK_AFTER_VOTES: '1',
      HUMAN_CHECK_NEW_VOTERS_PER_ADDRESS: '1',
    });
    const voter = server.client();
    for (let i = 0; i < 3; i += 1) {
      expect((await vote(voter, (await newBattle(voter)).id)).status).toBe(200);
    }
    await arena.runtime.ctx.db
      .update(voters)
      .set({ humanCheckRequiredAt: new Date() })
      .where(eq(voters.id, voterIdOf(voter.cookie!)));
    expect((await vote(voter, (await newBattle(voter)).id)).status).toBe(200);
    const other = server.client();
    expect((await vote(other, (await newBattle(other)).id)).status).toBe(200);
    expectError(await pass(voter, fake.issue()), 404, 'human_check_off');
    expect(fake.requests).toEqual([]);
  });
});
