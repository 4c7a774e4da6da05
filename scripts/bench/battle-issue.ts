import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '@arena/db';
import { loadConfig } from '@arena/runtime';
import { createVoter, issueBattle } from '@arena/services';
import { createFsImageStore } from '@arena/storage';
import { createTestDatabase } from '@arena/testing';
import { sql } from 'drizzle-orm';
import pino from 'pino';

/** Open answers = models x challenges x 3 attempts: the issue's four catalog sizes. */
export const BATTLE_SIZES = [
  { models: 6, challenges: 11 }, // 198, the demo catalog's order
  { models: 20, challenges: 100 }, // 6,000
  { models: 50, challenges: 300 }, // 45,000
  { models: 100, challenges: 1_000 }, // 300,000: 100 models x 1,000 challenges
];

const WARM_UP = 20;
const BATTLES = 400;
/** A voter asks for this many battles before the next one arrives. */
const PER_VOTER = 10;

/** Open challenges with every model's three finished attempts, written by Postgres itself. */
export async function seedOpenAnswers(db: Database, models: number, challenges: number) {
  await db.execute(sql`
    insert into models (slug, name, creator, arenas)
    select 'bench-model-' || lpad(i::text, 3, '0'), 'Bench model ' || i, 'Bench', array['text-to-image']
    from generate_series(1, ${models}) i`);
  await db.execute(sql`
    insert into categories (slug, name, arena) values ('bench', 'Bench', 'text-to-image')`);
  await db.execute(sql`
    insert into challenges (slug, title, arena, category_id, prompt, status, opened_at)
    select 'bench-challenge-' || j, 'Bench challenge', 'text-to-image', c.id, 'A prompt.', 'voting', now()
    from categories c, generate_series(1, ${challenges}) j`);
  await db.execute(sql`
    insert into generations (challenge_id, model_id, attempt, status, seed, size_requested)
    select ch.id, m.id, a, 'succeeded', 0, '1024x1024'
    from challenges ch, models m, generate_series(1, 3) a`);
  await db.execute(sql`analyze`);
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

export interface BattleIssueResult {
  openAnswers: number;
  /** The first battle, which builds the kept index of open answers. */
  firstMs: number;
  p50Ms: number;
  p99Ms: number;
  perSecond: number;
}

/**
 * `POST /api/battles`' service, one call at a time on one connection, at each catalog size:
 * the first battles build the kept index (untimed), then BATTLES timed battles from voters
 * who each ask for PER_VOTER.
 */
export async function benchBattleIssue(): Promise<BattleIssueResult[]> {
  const results: BattleIssueResult[] = [];
  for (const size of BATTLE_SIZES) {
    const database = await createTestDatabase();
    const dataDir = await mkdtemp(join(tmpdir(), 'arena-bench-'));
    try {
      await seedOpenAnswers(database.handle.db, size.models, size.challenges);
      const ctx = {
        db: database.handle.db,
        store: createFsImageStore(dataDir),
        config: loadConfig({ LOG_LEVEL: 'silent' }),
        logger: pino({ level: 'silent' }),
        now: () => new Date(),
      };
      let voterId = '';
      const times: number[] = [];
      let firstMs = 0;
      for (let i = 0; i < WARM_UP + BATTLES; i += 1) {
        if (i % PER_VOTER === 0) voterId = await createVoter(ctx);
        const started = performance.now();
        await issueBattle(ctx, { voterId, arena: 'text-to-image' });
        if (i === 0) firstMs = performance.now() - started;
        if (i >= WARM_UP) times.push(performance.now() - started);
      }
      const sorted = [...times].sort((a, b) => a - b);
      const total = times.reduce((sum, ms) => sum + ms, 0);
      results.push({
        openAnswers: size.models * size.challenges * 3,
        firstMs,
        p50Ms: percentile(sorted, 0.5),
        p99Ms: percentile(sorted, 0.99),
        perSecond: (1000 * times.length) / total,
      });
    } finally {
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  return results;
}
