import { Writable } from 'node:stream';
import { challenges, generations } from '@arena/db';
import { type LatencySpec } from '@arena/fake-providers';
import {
  getModelProviders,
  launchChallenge,
  syncCatalog,
  type ModelProvider,
} from '@arena/services';
import { TEST_REDIS_URL, waitFor } from '@arena/testing';
import { inArray, sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import pino from 'pino';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestRuntime,
  FAKE_KEY_ENV,
  fleetCatalog,
  LOOPBACK_ADAPTER_OPTIONS,
  providerModelId,
  startFakeFleet,
  type FakeFleet,
  type FakeKind,
  type TestRuntime,
} from '../src/testing';

const KINDS: FakeKind[] = ['openai', 'gemini', 'fal', 'replicate'];
const MODELS_PER_KIND = 5;

/** Postgres' percentile_cont: linear interpolation between closest ranks. */
function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * fraction;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

const within = (actual: number | null, expected: number, tolerance = 0.1) =>
  actual !== null && Math.abs(actual - expected) <= tolerance * expected;

/**
 * A fan-out of 3 challenges x 20 models x 3 attempts through four real provider APIs on
 * loopback, with set latencies and failure rates, on BullMQ: it completes, the provider
 * performance endpoint agrees with what the servers actually produced, and the provider key
 * is nowhere in the database, Redis or the logs.
 */
describe('generation telemetry at scale', () => {
  let fleet: FakeFleet;
  let test: TestRuntime;
  const logLines: string[] = [];
  const slugs: Array<{ slug: string; kind: FakeKind }> = [];

  beforeAll(async () => {
    fleet = await startFakeFleet(11);
    KINDS.forEach((kind, k) => {
      for (let i = 0; i < MODELS_PER_KIND; i++) {
        const slug = `m-${kind}-${i}`;
        slugs.push({ slug, kind });
        // Seconds, as real providers take: fixed client overheads stay well inside 10%.
        const median = 2000 + 300 * i + 80 * k;
        const latency: LatencySpec = { kind: 'lognormal', medianMs: median, p95Ms: median * 1.8 };
        // Sync APIs send headers part-way; queue APIs answer the submission after a while.
        const ttfb: LatencySpec =
          kind === 'fal' || kind === 'replicate'
            ? { kind: 'uniform', minMs: 500, maxMs: 900 }
            : { kind: 'uniform', minMs: median * 0.3, maxMs: median * 0.5 };
        fleet.servers[kind].scenario.setModel(providerModelId(kind, slug), {
          latency,
          ttfb,
          failureRate: 0.1,
          failure: { kind: 'server_error', status: 500 },
        });
      }
    });
    const capture = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    test = await createTestRuntime({
      driver: 'postgres',
      bullmq: true,
      adapterOptions: LOOPBACK_ADAPTER_OPTIONS,
      providerEnv: { [FAKE_KEY_ENV]: fleet.key },
      env: { GENERATION_CONCURRENCY: '24' },
      logger: pino({ level: 'debug' }, capture),
    });
    const { ctx } = test.runtime;
    await syncCatalog(ctx, {
      catalog: fleetCatalog(
        fleet,
        slugs.map(({ slug, kind }) => ({ slug, routes: [{ kind }] })),
        { challenges: 3, concurrency: 8 },
      ),
    });
    const ids = (await ctx.db.select({ id: challenges.id }).from(challenges)).map((c) => c.id);
    for (const challengeId of ids) await launchChallenge(ctx, { challengeId });
    await test.runtime.startJobs();
    await waitFor(
      async () => {
        const rows = await ctx.db.select().from(challenges).where(inArray(challenges.id, ids));
        return rows.every((row) => row.status === 'voting');
      },
      240_000,
      'the fan-out to finish',
    );
  }, 300_000);

  afterAll(async () => {
    await test?.close();
    await fleet?.close();
  });

  it('completes every generation', async () => {
    const rows = await test.runtime.ctx.db
      .select({ status: generations.status, n: sql<number>`count(*)`.mapWith(Number) })
      .from(generations)
      .groupBy(generations.status);
    expect(rows).toEqual([{ status: 'succeeded', n: 180 }]);
  });

  it('reports p50, p95, success rate and TTFB within 10% of what the providers produced', async () => {
    const mismatches: string[] = [];
    const table: Record<string, unknown>[] = [];
    for (const { slug, kind } of slugs) {
      const produced = fleet.servers[kind].latencies.filter(
        (l) => l.modelId === providerModelId(kind, slug),
      );
      const succeeded = produced.filter((l) => l.behaviour === 'success');
      const report = await getModelProviders(test.runtime.ctx, { slug });
      const row = report.providers.find((p) => p.provider.slug === `fake-${kind}`) as ModelProvider;
      const perf = row.performance;
      const expected = {
        requests: produced.length,
        successRate: succeeded.length / produced.length,
        p50: percentile(
          succeeded.map((l) => l.producedMs),
          0.5,
        ),
        p95: percentile(
          succeeded.map((l) => l.producedMs),
          0.95,
        ),
        ttfb: percentile(
          succeeded.map((l) => l.ttfbMs),
          0.5,
        ),
      };
      const checks: Array<[string, boolean]> = [
        ['requests', perf.requests === expected.requests],
        ['successRate', within(perf.successRate, expected.successRate)],
        ['p50', within(perf.p50Ms, expected.p50)],
        ['p95', within(perf.p95Ms, expected.p95)],
        ['ttfbP50', within(perf.ttfbP50Ms, expected.ttfb)],
      ];
      table.push({
        model: slug,
        requests: `${perf.requests} / ${expected.requests}`,
        success: `${perf.successRate?.toFixed(3)} / ${expected.successRate.toFixed(3)}`,
        p50: `${perf.p50Ms} / ${Math.round(expected.p50)}`,
        p95: `${perf.p95Ms} / ${Math.round(expected.p95)}`,
        ttfbP50: `${perf.ttfbP50Ms} / ${Math.round(expected.ttfb)}`,
      });
      for (const [name, ok] of checks) {
        if (!ok) mismatches.push(`${slug} ${name}: ${JSON.stringify({ perf, expected })}`);
      }
      expect(row.prices).toEqual({ '0.5K': 0.02, '1K': 0.04 });
    }
    // TELEMETRY_REPORT=1 prints endpoint vs produced figures side by side.
    if (process.env.TELEMETRY_REPORT) console.table(table);
    expect(mismatches).toEqual([]);
  });

  it('keeps the provider key out of the database, Redis, the logs and the requests', async () => {
    const { key } = fleet;
    const pg = postgres(test.database!.url, { max: 1 });
    try {
      const tables = await pg<{ schema: string; name: string }[]>`
        select table_schema as schema, table_name as name from information_schema.tables
        where table_schema in ('public', 'drizzle')`;
      expect(tables.length).toBeGreaterThan(10);
      for (const { schema, name } of tables) {
        const [dump] = await pg<{ text: string | null }[]>`
          select string_agg(t::text, E'\n') as text from ${pg(schema)}.${pg(name)} t`;
        expect(dump?.text ?? '', `table ${name}`).not.toContain(key);
      }
    } finally {
      await pg.end();
    }

    const redis = new Redis(TEST_REDIS_URL);
    try {
      let cursor = '0';
      let scanned = 0;
      do {
        const [next, keys] = await redis.scan(
          cursor,
          'MATCH',
          `${test.queuePrefix}:*`,
          'COUNT',
          500,
        );
        cursor = next;
        for (const name of keys) {
          scanned++;
          const value = await redis.dumpBuffer(name);
          expect(name).not.toContain(key);
          expect(value?.toString('latin1') ?? '').not.toContain(key);
        }
      } while (cursor !== '0');
      expect(scanned).toBeGreaterThan(0);
    } finally {
      redis.disconnect();
    }

    expect(logLines.length).toBeGreaterThan(10);
    expect(logLines.join('')).not.toContain(key);
    for (const server of Object.values(fleet.servers)) expect(server.keyLeaks()).toEqual([]);
  });
});
