import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, rawRows, voters, type DatabaseHandle } from '../src';

/** The SQLSTATE of a failed query, through drizzle's wrapper. */
async function sqlState(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return cause?.code ?? (error as { code?: string }).code;
  }
  return undefined;
}

const counter = async (handle: DatabaseHandle) =>
  rawRows<{ v: number }>(await handle.db.execute(sql`select v from counter where id = 1`))[0]!.v;

describe('PGlite on its own thread', () => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await openDatabase({ driver: 'pglite', dataDir: 'memory://' });
    await handle.migrate();
    await handle.db.execute(sql`create table counter (id int primary key, v int not null)`);
    await handle.db.execute(sql`insert into counter values (1, 0)`);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('answers the query builder as the in-process driver did: rows, dates, JSON, bytes', async () => {
    const [voter] = await handle.db
      .insert(voters)
      .values({ flags: ['a', 'b"c'] })
      .returning();
    expect(voter!.createdAt).toBeInstanceOf(Date);
    expect(voter!.flags).toEqual(['a', 'b"c']);
    const [read] = await handle.db.select().from(voters);
    expect(read).toEqual(voter);
    const when = new Date('2020-01-02T03:04:05.678Z');
    const [row] = rawRows<Record<string, unknown>>(
      await handle.db.execute(
        sql`select ${when}::timestamptz as at, ${JSON.stringify({ a: [1] })}::jsonb as j,
                   ${Buffer.from([1, 255])}::bytea as b, ${null}::int as n, ${"it's"} as q`,
      ),
    );
    expect(row).toMatchObject({ j: { a: [1] }, n: null, q: "it's" });
    expect(new Date(row!.at as string).getTime()).toBe(when.getTime());
    expect([...(row!.b as Uint8Array)]).toEqual([1, 255]);
  });

  it('keeps transactions whole: no lost update among concurrent read-modify-writes', async () => {
    const before = await counter(handle);
    await Promise.all(
      Array.from({ length: 40 }, () =>
        handle.db.transaction(async (tx) => {
          const [row] = rawRows<{ v: number }>(
            await tx.execute(sql`select v from counter where id = 1 for update`),
          );
          await new Promise((resolve) => setTimeout(resolve, 1));
          await tx.execute(sql`update counter set v = ${row!.v + 1} where id = 1`);
        }),
      ),
    );
    expect(await counter(handle)).toBe(before + 40);
  });

  it('runs nothing else inside an open transaction', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const order: string[] = [];
    const transaction = handle.db.transaction(async (tx) => {
      await tx.execute(sql`update counter set v = v + 100 where id = 1`);
      order.push('updated');
      await held;
      order.push('committing');
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const outside = counter(handle).then((v) => {
      order.push('read');
      return v;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(order).toEqual(['updated']);
    release();
    await transaction;
    const seen = await outside;
    expect(order).toEqual(['updated', 'committing', 'read']);
    expect(seen).toBe(await counter(handle));
  });

  it('rolls back a transaction that throws, and a savepoint that does', async () => {
    const before = await counter(handle);
    await expect(
      handle.db.transaction(async (tx) => {
        await tx.execute(sql`update counter set v = -1 where id = 1`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await counter(handle)).toBe(before);
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`update counter set v = v + 1 where id = 1`);
      await tx
        .transaction(async (inner) => {
          await inner.execute(sql`update counter set v = -1 where id = 1`);
          throw new Error('inner');
        })
        .catch(() => undefined);
    });
    expect(await counter(handle)).toBe(before + 1);
    await expect(handle.db.transaction(async (tx) => tx.rollback())).rejects.toThrow();
    expect(await counter(handle)).toBe(before + 1);
  });

  it('carries the SQLSTATE of a failed statement, and goes on working after it', async () => {
    expect(await sqlState(handle.db.execute(sql`insert into counter values (1, 0)`))).toBe('23505');
    expect(await sqlState(handle.db.execute(sql`selec 1`))).toBe('42601');
    expect(await sqlState(handle.db.transaction((tx) => tx.execute(sql`select 1/0`)))).toBe(
      '22012',
    );
    expect(await counter(handle)).toBeTypeOf('number');
  });

  it('prepares each statement once and copes when its table changes or the cache turns over', async () => {
    await handle.db.execute(sql`create table changing (id int)`);
    await handle.db.execute(sql`insert into changing values (1)`);
    const all = () => handle.db.execute(sql`select * from changing`);
    expect(rawRows(await all())).toEqual([{ id: 1 }]);
    await handle.db.execute(sql`alter table changing add column label text default 'x'`);
    expect(rawRows(await all())).toEqual([{ id: 1, label: 'x' }]);
    for (let i = 0; i < 600; i += 1) await handle.db.execute(sql.raw(`select ${i} as i`));
    expect(rawRows(await handle.db.execute(sql.raw('select 7 as i')))).toEqual([{ i: 7 }]);
    expect(rawRows(await all())).toEqual([{ id: 1, label: 'x' }]);
  });

  it("leaves the process's event loop free while Postgres works", async () => {
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 5);
    const started = performance.now();
    await handle.db.execute(sql`select count(*) from generate_series(1, 3000000)`);
    const elapsed = performance.now() - started;
    clearInterval(timer);
    // In process, a statement this long let no timer fire until it was done.
    expect(elapsed).toBeGreaterThan(100);
    expect(ticks).toBeGreaterThan(elapsed / 5 / 4);
  });
});

describe('a PGlite folder', () => {
  it('keeps what was committed across close and open, and refuses queries once closed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'arena-pglite-'));
    try {
      const first = await openDatabase({ driver: 'pglite', dataDir: dir });
      await first.db.execute(sql`create table kept (v int)`);
      await first.db.transaction((tx) => tx.execute(sql`insert into kept values (42)`));
      await first.close();
      await expect(first.db.execute(sql`select 1`)).rejects.toThrow();
      const second = await openDatabase({ driver: 'pglite', dataDir: dir });
      expect(rawRows(await second.db.execute(sql`select v from kept`))).toEqual([{ v: 42 }]);
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
