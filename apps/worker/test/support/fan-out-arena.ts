import { challenges, generations, generationTries } from '@arena/db';
import {
  createTestRuntime,
  FAKE_KEY_ENV,
  fleetCatalog,
  startFakeFleet,
  type FakeFleet,
  type FakeKind,
  type TestRuntime,
} from '@arena/runtime/testing';
import { findChallengeIdBySlug, launchChallenge, syncCatalog } from '@arena/services';
import { TEST_REDIS_URL, waitFor } from '@arena/testing';
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { expect } from 'vitest';

/** The request that starts (and pays for) a generation on each fake API. */
const CALL_KIND: Record<FakeKind, string> = {
  openai: 'generate',
  gemini: 'generate',
  fal: 'submit',
  replicate: 'create',
};

/** Where each API carries the generation's seed, which names the generation at the fake. */
function seedOf(kind: FakeKind, body: Buffer): number | undefined {
  const json = JSON.parse(body.toString()) as {
    seed?: number;
    input?: { seed?: number };
    generationConfig?: { seed?: number };
  };
  if (kind === 'gemini') return json.generationConfig?.seed;
  return kind === 'replicate' ? json.input?.seed : json.seed;
}

/**
 * An arena whose models all answer on one fake provider, one challenge launched on it, and an
 * API-side runtime (enqueues, runs no jobs); the workers are child processes the test starts.
 */
export async function startFanOutArena(options: {
  kind: FakeKind;
  models: number;
  concurrency: number;
}) {
  const fleet: FakeFleet = await startFakeFleet(7);
  const api: TestRuntime = await createTestRuntime({
    driver: 'postgres',
    bullmq: true,
    runJobs: false,
  });
  const { ctx } = api.runtime;
  const models = Array.from({ length: options.models }, (_, i) => ({
    slug: `m-${i + 1}`,
    routes: [{ kind: options.kind }],
  }));
  await syncCatalog(ctx, {
    catalog: fleetCatalog(fleet, models, { concurrency: options.concurrency }),
  });
  const challengeId = await findChallengeIdBySlug(ctx, { slug: 'challenge-1' });
  const server = fleet.servers[options.kind];
  const redis = new Redis(TEST_REDIS_URL);
  const ofChallenge = eq(generations.challengeId, challengeId);
  const generationRows = () =>
    ctx.db.select().from(generations).where(ofChallenge).orderBy(asc(generations.id));
  /** Provider calls received (paid for) at the fake, with when each came. */
  const calls = () =>
    server.requestsOf(CALL_KIND[options.kind]).map((r) => ({
      seed: seedOf(options.kind, r.body),
      receivedAt: r.receivedAt,
    }));

  return {
    fleet,
    server,
    api,
    ctx,
    challengeId,
    launch: () => launchChallenge(ctx, { challengeId }),
    /** A worker process's environment on this arena's database, queues and providers. */
    workerEnv: (extra: Record<string, string> = {}) => ({
      DATABASE_URL: api.database!.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: api.queuePrefix,
      DATA_DIR: api.dataDir,
      [FAKE_KEY_ENV]: fleet.key,
      ...extra,
    }),
    generations: generationRows,
    tries: () =>
      ctx.db
        .select({ try: generationTries, generationId: generations.id })
        .from(generationTries)
        .innerJoin(generations, eq(generations.id, generationTries.generationId))
        .where(ofChallenge)
        .orderBy(asc(generationTries.tryNo)),
    leasesHeld: () =>
      ctx.db
        .select({ id: generations.id, owner: generations.leaseOwner })
        .from(generations)
        .where(and(ofChallenge, isNotNull(generations.leaseOwner))),
    calls,
    /** Provider calls per generation id, every generation of the challenge listed. */
    async callsPerGeneration(): Promise<Map<string, number>> {
      const rows = await generationRows();
      const bySeed = new Map(rows.map((g) => [g.seed, g.id]));
      expect(bySeed.size).toBe(rows.length);
      const counts = new Map(rows.map((g) => [g.id, 0]));
      for (const call of calls()) {
        const id = bySeed.get(call.seed!);
        expect(id, `a call with seed ${call.seed} for no generation`).toBeDefined();
        counts.set(id!, counts.get(id!)! + 1);
      }
      return counts;
    },
    async waitForVoting(timeoutMs: number) {
      await waitFor(
        async () => {
          const [row] = await ctx.db
            .select({ status: challenges.status })
            .from(challenges)
            .where(eq(challenges.id, challengeId));
          return row!.status === 'voting';
        },
        timeoutMs,
        'the fan-out to finish',
      );
    },
    /** Provider slots held in Redis (by any worker) under this arena's prefix. */
    slotKeys: () => redis.keys(`${api.queuePrefix}:limits:*:active`),
    /** Where each generation's job is in BullMQ, by generation id (absent: no job). */
    async jobStates(): Promise<Map<string, string>> {
      const q = `${api.queuePrefix}:generation`;
      const [wait, active, delayed, prioritized] = await Promise.all([
        redis.lrange(`${q}:wait`, 0, -1),
        redis.lrange(`${q}:active`, 0, -1),
        redis.zrange(`${q}:delayed`, 0, -1),
        redis.zrange(`${q}:prioritized`, 0, -1),
      ]);
      const states = new Map<string, string>();
      const note = (ids: string[], state: string) => {
        for (const id of ids) states.set(id.replace('generation.run-', ''), state);
      };
      note(wait, 'wait');
      note(delayed, 'delayed');
      note(prioritized, 'prioritized');
      note(active, 'active');
      return states;
    },
    /** Deletes every key of this arena in Redis: queues, limits, heartbeats. */
    async deleteRedisKeys(): Promise<number> {
      const keys = await redis.keys(`${api.queuePrefix}:*`);
      if (keys.length) await redis.del(...keys);
      return keys.length;
    },
    async close() {
      redis.disconnect();
      await api.close();
      await fleet.close();
    },
  };
}

export type FanOutArena = Awaited<ReturnType<typeof startFanOutArena>>;
