/**
 * The two database-bound hot paths at 16 connections, each beside pgbench running the very
 * statements the endpoint sends (rendered from the same query builders, prepared, with the
 * same parameters), alternated:
 *
 * - `POST /api/battles`: the battle's inputs, the insert (a signed cookie's voter is not
 *   looked up).
 * - `POST /api/battles/:id/vote`: the vote statement, on battles issued
 *   and viewed beforehand (written in SQL with both images' first fetch in the past, as the
 *   image endpoint leaves them; rendering images is the image benchmark's business).
 *
 * Ours: the compiled API in production mode (Postgres, Redis) with rate limits off (16
 * connections from one address), driven by 16 keep-alive connections, one voter each.
 */
import { Agent } from 'node:http';
import { voters } from '@arena/db';
import { battleInputsQuery, castVoteQuery, insertBattleQuery } from '@arena/services/internal';
import { createTestDatabase, uniqueQueuePrefix, deleteQueueKeys } from '@arena/testing';
import { sql } from 'drizzle-orm';
import { seedOpenAnswers } from './battle-issue';
import { numberPairs, viewedBattles } from './hot-paths-seed';
import { analyzeAll, analyzedFirst } from './fresh-statistics';
import { forPgbench, nowSql, pgbench, VARS } from './pgbench';
import { alternate, median, percentile, type BenchResult } from './harness';
import { send } from './http-client';
import { cpuSeconds } from './load';
import { startApi, type ServerProcess } from './spawn-api';
import { wrkAvailable, wrkLoop, type PreparedRequest } from './wrk-loop';

const CONNECTIONS = 16;
const SECONDS = 8;
const LOAD = { connections: CONNECTIONS, seconds: SECONDS };
const SECRET = 'bench-session-secret-that-is-long-enough-0123456789';
/** Requests prepared for a wrk run: more than 16 connections can send in SECONDS. */
const SUPPLY = 32_000;

const prepared = (cookie: string, spec: { path: string; json: unknown }): PreparedRequest => ({
  method: 'POST',
  path: spec.path,
  cookie,
  body: JSON.stringify(spec.json),
});

interface Loop {
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** The API process's CPU time per request (user + system). */
  cpuMs: number;
}

/** 16 voters, each on its own keep-alive connection, sending `next` back to back. */
async function httpLoop(
  api: ServerProcess,
  cookies: string[],
  next: (voter: number) => { path: string; json: unknown } | undefined,
): Promise<Loop> {
  const latencies: number[] = [];
  let failures = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const started = performance.now();
  const cpuBefore = cpuSeconds(api.child.pid!) ?? Number.NaN;
  await Promise.all(
    cookies.map(async (cookie, voter) => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      for (let spec = next(voter); spec && performance.now() < deadline; spec = next(voter)) {
        const reply = await send(
          api.port,
          agent,
          { method: 'POST', headers: { cookie }, ...spec },
          10_000,
        );
        if (typeof reply.status !== 'number' || reply.status >= 300) failures += 1;
        latencies.push(reply.ms);
      }
      agent.destroy();
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = (cpuSeconds(api.child.pid!) ?? Number.NaN) - cpuBefore;
  if (failures > 0) throw new Error(`${failures} of ${latencies.length} requests failed`);
  return {
    perSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    cpuMs: (1000 * cpu) / latencies.length,
  };
}

export async function benchHotPaths(opts: { rounds: number }): Promise<BenchResult[]> {
  // wrk when installed: a client in C, as pgbench's are; else one in Node, which takes a
  // share of the same two cores (the table says which).
  const useWrk = wrkAvailable();
  const database = await createTestDatabase();
  const queuePrefix = uniqueQueuePrefix();
  const db = database.handle.db;
  const api = await startApi({
    env: {
      DATABASE_URL: database.url,
      REDIS_URL: 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: queuePrefix,
      SESSION_SECRET: SECRET,
      RATE_LIMIT: 'off',
      // The demo catalog's order: 6 models x 11 challenges x 3 attempts.
      SEED_CATALOG: 'false',
      DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE, // unset: the API's default
    },
  });
  const wrkTarget = { url: api.url, serverPid: api.child.pid!, serverLog: api.logFile, ...LOAD };
  try {
    await seedOpenAnswers(db, 6, 11);
    const pairs = await numberPairs(db);
    // Our voters: one battle each through the API gives each its cookie.
    const cookies: string[] = [];
    for (let i = 0; i < CONNECTIONS; i += 1) {
      const reply = await send(
        api.port,
        new Agent(),
        {
          method: 'POST',
          path: '/api/battles',
          json: { arena: 'text-to-image' },
        },
        10_000,
      );
      if (reply.status !== 201) throw new Error(`battle: ${reply.status} ${reply.body}`);
      cookies.push(String(reply.headers['set-cookie']).split(';')[0]!);
    }
    const ourVoters = cookies.map((cookie) => {
      const value = decodeURIComponent(cookie.split('=')[1]!);
      return value.slice(0, value.lastIndexOf('.'));
    });
    const peerVoters = (
      await db
        .insert(voters)
        .values(ourVoters.map(() => ({})))
        .returning()
    ).map((row) => row.id);
    await db.execute(sql`create table bench_voters as
      select k - 1 as n, id from unnest(${`{${peerVoters.join(',')}}`}::uuid[]) with ordinality v(id, k)`);

    // The endpoints' statements, for pgbench.
    const defines = new Map<string, string>();
    const battleScript = [
      `\\set pair random(1, ${pairs})`,
      `select v.id as voter, p.challenge_id as challenge, p.lgen, p.rgen, md5(random()::text) as ltok, md5(random()::text) as rtok, ${nowSql} as now, (clock_timestamp() + interval '30 minutes')::text as expires, coalesce((select b.id::text from battles b where b.voter_id = v.id order by b.issued_at desc, b.id desc limit 1), 'none') as known from bench_voters v, bench_pairs p where v.n = (:client_id)::int % ${CONNECTIONS} and p.n = (:pair)::int \\gset`,
      // As the API sends it: knowing the voter's comparisons up to their latest battle.
      forPgbench(
        battleInputsQuery({ voterId: VARS.voter, arena: 'text-to-image', knownLatest: VARS.known }),
        defines,
      ),
      forPgbench(
        insertBattleQuery({
          arena: 'text-to-image',
          challengeId: VARS.challenge,
          leftGenerationId: VARS.lgen,
          rightGenerationId: VARS.rgen,
          leftImageToken: VARS.ltok,
          rightImageToken: VARS.rtok,
          voterId: VARS.voter,
          addressKey: 'bench-address-key',
          issuedAt: new Date(VARS.now),
          expiresAt: new Date(VARS.expires),
          keep: 3,
        }),
        defines,
      ),
    ].join('\n');
    const voteScript = [
      `select battle_id as battle, voter_id as voter, ${nowSql} as now from bench_votes where n = (select nextval('bench_vote_seq')) \\gset`,
      forPgbench(
        castVoteQuery(
          { minViewMs: 1000, eloK: 32 },
          {
            battleId: VARS.battle,
            voterId: VARS.voter,
            outcome: 'left',
            addressKey: 'bench-address-key',
            now: new Date(VARS.now),
            humanCheckAfterVotes: null,
          },
        ),
        defines,
      ),
    ].join('\n');

    const battleRuns = await alternate(
      opts.rounds,
      analyzedFirst(db, async () => {
        const battle = { path: '/api/battles', json: { arena: 'text-to-image' } };
        if (!useWrk) return httpLoop(api, cookies, () => battle);
        const requests = Array.from({ length: SUPPLY }, (_, i) =>
          prepared(cookies[i % CONNECTIONS]!, battle),
        );
        return wrkLoop({ ...wrkTarget, requests });
      }),
      analyzedFirst(db, () => pgbench(database.url, battleScript, defines, LOAD)),
    );

    // Votes: enough viewed battles for the fastest run, fresh for every run.
    // A fixed amount of work per run: each of the 16 votes this many times, ours and the peer.
    const perVoter = 500;
    const voteRuns = await alternate(
      opts.rounds,
      async () => {
        if (useWrk) {
          // A list longer than the run can use: wrk sends for a fixed time, not a count.
          const queue = await viewedBattles(db, ourVoters, SUPPLY / CONNECTIONS, pairs);
          const lists = ourVoters.map((id) => queue.get(id)!);
          const requests = lists[0]!.flatMap((_, k) =>
            lists.map((ids, voter) =>
              prepared(cookies[voter]!, {
                path: `/api/battles/${ids[k]}/vote`,
                json: { outcome: 'left' },
              }),
            ),
          );
          await analyzeAll(db);
          return wrkLoop({ ...wrkTarget, requests });
        }
        const queue = await viewedBattles(db, ourVoters, perVoter, pairs);
        const lists = ourVoters.map((id) => queue.get(id)!);
        await analyzeAll(db);
        return httpLoop(api, cookies, (voter) => {
          const id = lists[voter]!.pop();
          return id ? { path: `/api/battles/${id}/vote`, json: { outcome: 'left' } } : undefined;
        });
      },
      async () => {
        const queue = await viewedBattles(db, peerVoters, perVoter, pairs);
        await db.execute(sql`drop table if exists bench_votes`);
        await db.execute(sql`drop sequence if exists bench_vote_seq`);
        await db.execute(sql`create sequence bench_vote_seq`);
        await db.execute(
          sql`create table bench_votes (n bigint primary key, battle_id uuid, voter_id uuid)`,
        );
        // Interleaved, so that clients in flight hold different voters (each of ours votes
        // as its own voter, one request at a time).
        const lists = [...queue];
        const rows = lists[0]![1].flatMap((_, k) =>
          lists.map(([voter, ids]) => ({ voter, id: ids[k]! })),
        );
        for (let i = 0; i < rows.length; i += 2_000) {
          const chunk = rows.slice(i, i + 2_000);
          await db.execute(sql`insert into bench_votes
            select x.i + ${i}, b::uuid, v::uuid
            from unnest(${`{${chunk.map((r) => r.id).join(',')}}`}::text[],
                        ${`{${chunk.map((r) => r.voter).join(',')}}`}::text[]) with ordinality x(b, v, i)`);
        }
        await analyzeAll(db);
        return pgbench(database.url, voteScript, defines, {
          connections: CONNECTIONS,
          transactions: perVoter,
        });
      },
    );

    const row = (
      id: string,
      path: string,
      runs: { ours: Loop[]; peer: { perSecond: number; meanMs: number; p99Ms: number }[] },
      ratioTarget: number,
    ): BenchResult => {
      const ours = runs.ours.map((r) => r.perSecond);
      const peer = runs.peer.map((r) => r.perSecond);
      const p99 = median(runs.ours.map((r) => r.p99Ms));
      const ratio = median(ours) / median(peer);
      return {
        id,
        path,
        unit: 'req/s',
        better: 'higher',
        ours,
        peer: { name: 'pgbench, same SQL', values: peer },
        extra: {
          'p50 ms': median(runs.ours.map((r) => r.p50Ms)),
          'p99 ms': p99,
          'peer mean ms': median(runs.peer.map((r) => r.meanMs)),
          'peer p99 ms': median(runs.peer.map((r) => r.p99Ms)),
          'API CPU ms/req': median(runs.ours.map((r) => r.cpuMs)),
          'load client': useWrk ? 'wrk' : 'node:http',
        },
        target: {
          text: `ratio >= ${ratioTarget}, p99 < 50 ms`,
          met: ratio >= ratioTarget && p99 < 50,
        },
      };
    };
    return [
      row('battle.issue-16', `POST /api/battles, ${CONNECTIONS} connections`, battleRuns, 0.5),
      row('vote.16', `POST /api/battles/:id/vote, ${CONNECTIONS} connections`, voteRuns, 0.7),
    ];
  } finally {
    await api.stop();
    await deleteQueueKeys(queuePrefix);
    // BENCH_KEEP_DB=1 leaves the database for replaying the statements by hand (pgbench).
    if (!process.env.BENCH_KEEP_DB) await database.drop();
    else await database.handle.close().then(() => console.log(`kept ${database.url}`));
  }
}
