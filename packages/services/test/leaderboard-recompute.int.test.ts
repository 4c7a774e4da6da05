import { OVERALL_SCOPE } from '@arena/core';
import { categories, challenges, leaderboardSnapshots, models, ratingHistory } from '@arena/db';
import { insertVotes, tournament, type TestDriver } from '@arena/testing';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { challengeScope, closeChallenge, recomputeLeaderboards } from '../src';
import { startSeededServices, type TestServices } from './support/test-services';

const ORDER = ['alpha-image', 'beta-diffusion', 'gamma-gen', 'delta-draw'];

describe.each<TestDriver>(['postgres', 'pglite'])('leaderboard recompute on %s', (driver) => {
  let test: TestServices;
  const db = () => test.ctx.db;
  const ctx = () => test.ctx;
  const snapshots = () =>
    db()
      .select()
      .from(leaderboardSnapshots)
      .orderBy(
        leaderboardSnapshots.arena,
        leaderboardSnapshots.scope,
        leaderboardSnapshots.computedAt,
      );

  beforeAll(async () => {
    test = await startSeededServices({
      driver,
      // 155 votes make a model established here.
      config: { leaderboard: { provisionalVotes: 155, historyIntervalMs: 3_600_000 } },
    });
    // Rainy street: a clear order, 40 wins to 10 per pair. Cafe logo: the reverse order among
    // three models, 4 to 1.
    await insertVotes(db(), [
      ...tournament('rainy-street', ORDER, 40, 10),
      ...tournament('cafe-logo', [...ORDER].reverse().slice(0, 3), 4, 1),
    ]);
  });
  afterAll(async () => {
    await test?.close();
  });

  it('publishes a snapshot per arena scope, with intervals, shared ranks and provisional flags', async () => {
    const result = await recomputeLeaderboards(ctx());
    expect(result.arenas).toEqual(['text-to-image']);
    let rows = await snapshots();
    const [rainy] = await db().select().from(challenges).where(eq(challenges.slug, 'rainy-street'));
    const [cafe] = await db().select().from(challenges).where(eq(challenges.slug, 'cafe-logo'));
    const cats = await db().select().from(categories);
    const catId = (slug: string) => cats.find((c) => c.slug === slug)!.id;
    // Open challenges get no board of their own; closing one publishes its board.
    expect(rows.map((r) => r.scope).sort()).toEqual(
      [OVERALL_SCOPE, catId('photorealism'), catId('logo-typography')].sort(),
    );
    expect(result.written).toBe(3);
    await closeChallenge(ctx(), { challengeId: rainy!.id, operatorId: null });
    rows = await snapshots();
    expect(rows.map((r) => r.scope)).toContain(challengeScope(rainy!.id));
    expect(rows.map((r) => r.scope)).not.toContain(challengeScope(cafe!.id));
    const ownBoard = rows.find((r) => r.scope === challengeScope(rainy!.id))!;
    expect(ownBoard.voteCount).toBe(6 * 50);

    const allModels = await db().select().from(models);
    const slugOf = (id: string) => allModels.find((m) => m.id === id)!.slug;
    const photo = rows.find((r) => r.scope === catId('photorealism'))!;
    // Rainy street is photorealism's only challenge: its own board is the same fit.
    expect(ownBoard.rows.map((r) => [r.modelId, r.rating])).toEqual(
      photo.rows.map((r) => [r.modelId, r.rating]),
    );
    expect(photo.method).toBe('bradley-terry');
    expect(photo.voteCount).toBe(6 * 50);
    expect(photo.params).toMatchObject({ intervals: 'bootstrap', rounds: 100, seed: 1 });
    expect(photo.rows.map((r) => slugOf(r.modelId))).toEqual(ORDER);
    for (const row of photo.rows) {
      expect(row.ciLow).toBeLessThan(row.rating);
      expect(row.ciHigh).toBeGreaterThan(row.rating);
      expect(row.votes).toBe(3 * 50);
      expect(row.wins + row.losses + row.ties + row.bothBad).toBe(row.votes);
      expect(row.provisional).toBe(true); // 150 < 155
    }
    // 4:1 over 50 votes between every pair: the order is beyond doubt, every rank its own.
    expect(photo.rows.map((r) => r.rank)).toEqual([1, 2, 3, 4]);
    expect(photo.leftWins + photo.rightWins).toBe(6 * 50);
    expect(photo.pairs).toHaveLength(6);

    // Logo: 5 votes per pair cannot separate neighbours, so ranks are shared.
    const logo = rows.find((r) => r.scope === catId('logo-typography'))!;
    expect(logo.rows.map((r) => slugOf(r.modelId))).toEqual([
      'delta-draw',
      'gamma-gen',
      'beta-diffusion',
    ]);
    expect(logo.rows[0]!.rank).toBe(1);
    expect(new Set(logo.rows.map((r) => r.rank)).size).toBeLessThan(3);

    const overall = rows.find((r) => r.scope === OVERALL_SCOPE)!;
    expect(overall.voteCount).toBe(6 * 50 + 3 * 5);
    const byModel = new Map(overall.rows.map((r) => [slugOf(r.modelId), r]));
    expect(byModel.get('beta-diffusion')!.votes).toBe(150 + 10);
    expect(byModel.get('beta-diffusion')!.provisional).toBe(false);
    expect(byModel.get('alpha-image')!.provisional).toBe(true);
    // Every published snapshot got history points (the first of each scope always does).
    const [history] = await db()
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(ratingHistory);
    expect(history!.n).toBe(rows.reduce((sum, r) => sum + r.rows.length, 0));
  });

  it('writes nothing when no vote arrived, and everything when forced', async () => {
    const before = await snapshots();
    expect((await recomputeLeaderboards(ctx())).written).toBe(0);
    expect(await snapshots()).toHaveLength(before.length);
    const forced = await recomputeLeaderboards(ctx(), { force: true });
    expect(forced.written).toBe(before.length);
    // Forced: every scope again, the closed challenge's included. Within the history interval
    // they add no history, so the older ones are kept (they carry history) but lose their pairs.
    const after = await snapshots();
    expect(after).toHaveLength(2 * before.length);
    const withPairs = after.filter((s) => s.pairs !== null);
    expect(withPairs.map((s) => s.id).sort()).toEqual(
      after
        .filter((s) => !before.some((b) => b.id === s.id))
        .map((s) => s.id)
        .sort(),
    );
    // The forced ones carry no history and are pruned by the next write of their scope.
    await insertVotes(db(), tournament('cafe-logo', ['alpha-image', 'delta-draw'], 2, 1));
    const next = await recomputeLeaderboards(ctx());
    const [logoCat] = await db()
      .select()
      .from(categories)
      .where(eq(categories.slug, 'logo-typography'));
    expect(next.written).toBe(2); // overall and logo-typography; photorealism has no new vote
    const scopes = [OVERALL_SCOPE, logoCat!.id];
    for (const scope of scopes) {
      const versions = (await snapshots()).filter((s) => s.scope === scope);
      expect(versions).toHaveLength(2); // the first (with history) and the newest
      expect(versions[1]!.pairs).not.toBeNull();
      expect(versions[0]!.pairs).toBeNull();
    }
    const latestPairs = await db()
      .select({ scope: leaderboardSnapshots.scope })
      .from(leaderboardSnapshots)
      .where(and(isNotNull(leaderboardSnapshots.pairs)));
    expect(latestPairs).toHaveLength(4);
  });

  it('adds a history point per interval, or sooner when a scope has doubled its votes', async () => {
    const [logo] = await db()
      .select()
      .from(categories)
      .where(eq(categories.slug, 'logo-typography'));
    const points = async (scope: string) =>
      (
        await db()
          .selectDistinct({ at: ratingHistory.computedAt })
          .from(ratingHistory)
          .where(eq(ratingHistory.scope, scope))
      ).length;
    // So far one point per scope: the later snapshots came within the hour with few new votes.
    expect(await points(logo!.id)).toBe(1);
    expect(await points(OVERALL_SCOPE)).toBe(1);
    // Logo & typography has 18 votes; 20 more double it, overall (318) does not double.
    await insertVotes(db(), tournament('cafe-logo', ['beta-diffusion', 'gamma-gen'], 10, 10));
    await recomputeLeaderboards(ctx());
    expect(await points(logo!.id)).toBe(2);
    expect(await points(OVERALL_SCOPE)).toBe(1);
  });
});
