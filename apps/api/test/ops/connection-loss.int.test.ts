import { realpath, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { leaderboardSnapshots, ratingChanges, votes } from '@arena/db';
import {
  createProductionTree,
  createTestDatabase,
  deleteQueueKeys,
  productionEntry,
  TEST_CATALOG_FILE,
  TEST_REDIS_URL,
  terminateBackends,
  uniqueQueuePrefix,
  waitFor,
  type NodeProcess,
  type ProductionTree,
  type TestDatabase,
} from '@arena/testing';
import { count, gt, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiProcess, startWorker, type ApiProcess } from '../support/arena-processes';
import { HttpVoter, type Exchange } from '../support/http-voter';

const VOTERS = 8;
const MIN_VIEW_MS = 50;
const KILLS = 3;
const KILL_EVERY_MS = 2_500;
/** Each outage must be over (a request sent after the kill succeeds) within this. */
const RECOVERY_MS = 5_000;
/** A request sent this soon after its connection's backend died may still meet the dead one. */
const STALE_MS = 500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const is2xx = (e: Exchange) => e.status >= 200 && e.status < 300;

/**
 * Issue 11: terminating the database's backends under a voting load used to kill the API and
 * the worker (postgres.js `nextWrite` on a closed socket, patches/postgres@3.4.9.patch). Here
 * in production mode (compiled API and worker from a production tree, Postgres, Redis), eight
 * voters battle, fetch both images, wait and vote while every backend is terminated three
 * times. Both processes must still be up, no request may go unanswered, every failure must be
 * a 503 `database_unavailable` with Retry-After, none once the pool has recovered, and every
 * accepted vote must be stored.
 */
describe('API and worker through terminated database backends', () => {
  let tree: ProductionTree;
  let database: TestDatabase;
  let prefix: string;
  let api: ApiProcess;
  let worker: NodeProcess;

  beforeAll(async () => {
    tree = await createProductionTree();
    database = await createTestDatabase();
    prefix = uniqueQueuePrefix();
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      SESSION_SECRET: 'connection-loss-test-secret-0123456789ab',
      CATALOG_FILE: TEST_CATALOG_FILE,
      DEMO_PROFILE: 'instant',
      MIN_VIEW_MS: String(MIN_VIEW_MS),
      RATE_LIMIT: 'off',
      SCREENING: 'off',
      // A recompute (transactions) after every vote, so the worker is inside one at each kill:
      // unpatched, its rollback on the dead connection threw out of `nextWrite` (2 of 2 runs).
      LEADERBOARD_DEBOUNCE_MS: '0',
      // A job that failed through every retry while the database was away, or a last request
      // that found its job already running, is caught up by the scheduled recompute (it
      // drains the rating steps first): every 5 s here rather than every minute.
      LEADERBOARD_INTERVAL_MS: '5000',
    };
    const compiled = (app: 'api' | 'worker') => ({
      entry: productionEntry(tree, app),
      cwd: tree.dir,
    });
    api = await startApiProcess(env, compiled('api'));
    worker = await startWorker(env, compiled('worker'));
  }, 300_000);
  afterAll(async () => {
    await worker?.stop();
    await api?.stop();
    if (prefix) await deleteQueueKeys(prefix);
    await database?.drop();
    await tree?.remove();
  });

  it('runs the patched postgres.js, which both the API and the worker load through @arena/db', async () => {
    const installed = await realpath(join(tree.dir, 'packages', 'db', 'node_modules', 'postgres'));
    expect(installed).toMatch(/postgres@3\.4\.9_patch_hash=/);
    const connection = await readFile(join(installed, 'src', 'connection.js'), 'utf8');
    expect(connection).toContain('Patched (porsager/postgres#1154');
  });

  // Its own waits add up to more than the default test timeout: the catalog (up to 120 s on a
  // loaded machine), the load (~13 s) and the worker's catch-up (up to 60 s).
  it('keeps answering, with 503s only while the pool reconnects, and stores every vote', async () => {
    const voters = Array.from({ length: VOTERS }, () => new HttpVoter(api.baseUrl));
    await waitFor(
      async () =>
        (await voters[0]!.send('POST', '/api/battles', { arena: 'text-to-image' })).status === 201,
      120_000,
      'the catalog to open for voting',
    );
    let running = true;
    const loops = voters.map(async (voter) => {
      while (running) await voter.round(MIN_VIEW_MS);
    });
    const kills: number[] = [];
    for (let i = 0; i < KILLS; i++) {
      await sleep(KILL_EVERY_MS);
      kills.push(Date.now());
      expect(await terminateBackends(database.name)).toBeGreaterThan(0);
    }
    await sleep(RECOVERY_MS);
    running = false;
    await Promise.all(loops);

    expect(api.child.exitCode, api.output()).toBeNull();
    expect(worker.child.exitCode, worker.output()).toBeNull();
    const exchanges = voters.flatMap((voter) => voter.exchanges);
    const line = (e: Exchange) => `${e.method} ${e.path} ${e.status} +${e.sentAt - kills[0]!}ms`;
    expect(exchanges.filter((e) => e.status === 0).map(line)).toEqual([]);
    const failures = exchanges.filter((e) => e.status >= 500);
    for (const failure of failures) {
      expect(failure, line(failure)).toMatchObject({
        status: 503,
        retryAfter: '5',
        json: { code: 'database_unavailable' },
      });
      expect(failure.answeredAt).toBeGreaterThanOrEqual(kills[0]!);
    }
    for (const [i, kill] of kills.entries()) {
      const next = kills[i + 1] ?? Infinity;
      const recovered = Math.min(
        ...exchanges.filter((e) => e.sentAt >= kill + STALE_MS && is2xx(e)).map((e) => e.sentAt),
      );
      expect(recovered - kill, `recovery after kill ${i + 1}`).toBeLessThan(RECOVERY_MS);
      const late = failures.filter((e) => e.sentAt > recovered && e.answeredAt < next);
      expect(late.map(line), `5xx after recovery from kill ${i + 1}`).toEqual([]);
    }

    const accepted = voters.flatMap((voter) => voter.accepted);
    expect(accepted.length).toBeGreaterThan(VOTERS * 3);
    const { db } = database.handle;
    const [stored] = await db
      .select({ n: count() })
      .from(votes)
      .where(inArray(votes.battleId, accepted));
    expect(stored!.n).toBe(accepted.length);

    // The worker's pool recovered too: it drains the votes' rating steps and refits the boards.
    await waitFor(
      async () => (await db.select({ n: count() }).from(ratingChanges))[0]!.n === 0,
      30_000,
      'the ratings consumer to apply every step',
    );
    await waitFor(
      async () =>
        (
          await db
            .select({ n: count() })
            .from(leaderboardSnapshots)
            .where(gt(leaderboardSnapshots.computedAt, new Date(kills.at(-1)!)))
        )[0]!.n > 0,
      30_000,
      'a leaderboard recompute after the last termination',
    );
    expect((await fetch(`${api.baseUrl}/readyz`)).status).toBe(200);
    expect(`${api.output()}${worker.output()}`).not.toMatch(/TypeError|uncaught/i);
  }, 240_000);
});
