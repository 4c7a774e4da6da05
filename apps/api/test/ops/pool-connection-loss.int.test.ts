import { openDatabase, queryRows, type DatabaseHandle } from '@arena/db';
import { createTestDatabase, terminateBackends, type TestDatabase } from '@arena/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUnavailableCode } from '../../src/database-unavailable';

/** Few connections for many callers: queries queue and pipeline on busy connections. */
const POOL = 2;
const CALLERS = 8;
const KILLS = 10;
const KILL_EVERY_MS = 500;
/** Every query settles, answered or refused, well within this once the load stops. */
const SETTLE_MS = 10_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Call = (caller: number) => Promise<unknown>;
/** postgres.js's tagged-template call, all these tests use of it. */
type Sql = (strings: TemplateStringsArray, ...values: unknown[]) => Promise<unknown[]>;

/**
 * The database client (postgres.js through @arena/db, as the API and the worker open it) when
 * the server terminates its backends under load. A socket error settled only the queries sent
 * before it; a query written to the connection between the error and the socket's close waited
 * forever, and so did the request behind it (patches/postgres@3.4.9.patch now settles them;
 * without it the first test hung in every run). Every query must settle, and those that fail
 * must fail with an error the API answers with 503 (database-unavailable.ts).
 */
describe('database client through terminated backends', () => {
  let database: TestDatabase;
  let client: DatabaseHandle;
  /** The API's own client object: drizzle's `$client` is the postgres.js pool underneath. */
  let pg: Sql;

  beforeAll(async () => {
    database = await createTestDatabase();
    client = await openDatabase({ driver: 'postgres', url: database.url, maxConnections: POOL });
    pg = (client.db as unknown as { $client: Sql }).$client;
    await client.db.execute(sql`create table probe (id serial primary key, caller int)`);
  });
  afterAll(async () => {
    await client?.close();
    await database?.drop();
  });

  /** Callers loop over `calls` while every backend is terminated KILLS times. */
  async function underTerminations(calls: Call[]) {
    const unexpected: string[] = [];
    let answered = 0;
    let refused = 0;
    let running = true;
    const callers = Array.from({ length: CALLERS }, async (_, caller) => {
      while (running) {
        try {
          await calls[caller % calls.length]!(caller);
          answered++;
        } catch (error) {
          refused++;
          if (!databaseUnavailableCode(error)) unexpected.push(String(error));
        }
      }
    });
    for (let i = 0; i < KILLS; i++) {
      await sleep(KILL_EVERY_MS);
      await terminateBackends(database.name);
    }
    running = false;
    let timer: NodeJS.Timeout | undefined;
    const settled = await Promise.race([
      Promise.all(callers).then(() => true),
      new Promise<false>((resolve) => (timer = setTimeout(resolve, SETTLE_MS, false))),
    ]);
    clearTimeout(timer);
    return { settled, unexpected, answered, refused };
  }

  it('settles every pipelined query when its connection dies', async () => {
    const outcome = await underTerminations([
      (caller) => pg`select pg_sleep(0.002), ${caller}::int`,
    ]);
    expect(outcome.settled, 'every query settled').toBe(true);
    expect(outcome.unexpected).toEqual([]);
    expect(outcome.refused).toBeGreaterThan(0);
    expect(outcome.answered).toBeGreaterThan(outcome.refused);
    expect(await pg`select 1 as one`).toEqual([{ one: 1 }]);
  });

  it('settles prepared, unnamed and transactional queries alike, and stores what it answered', async () => {
    let inserted = 0;
    const outcome = await underTerminations([
      async (caller) => {
        await queryRows(client.db, sql`insert into probe (caller) values (${caller})`);
        inserted++;
      },
      (caller) => client.db.execute(sql`select pg_sleep(0.002), ${caller}::int`),
      async (caller) => {
        await client.db.transaction(async (tx) => {
          await tx.execute(sql`select ${caller}::int`);
          await tx.execute(sql`insert into probe (caller) values (${-caller})`);
        });
        inserted++;
      },
    ]);
    expect(outcome.settled, 'every query settled').toBe(true);
    expect(outcome.unexpected).toEqual([]);
    expect(outcome.answered).toBeGreaterThan(outcome.refused);
    const [row] = await queryRows<{ n: number }>(
      client.db,
      sql`select count(*)::int as n from probe`,
    );
    // A commit whose answer was lost with its connection may be stored but not counted here.
    expect(row!.n).toBeGreaterThanOrEqual(inserted);
    expect(inserted).toBeGreaterThan(0);
  });
});
