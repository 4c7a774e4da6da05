import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  MIGRATIONS_FOLDER,
  migratePostgresUrl,
  openDatabase,
  type DatabaseHandle,
} from '@arena/db';
import postgres from 'postgres';

/** The test server: the machine's PostgreSQL (trust auth). */
export const TEST_POSTGRES_URL =
  process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const TEMPLATE_LOCK_KEY = 7_214_350_002;

function urlFor(database: string): string {
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The template's name changes with the migrations, so a stale template is never reused. */
function templateName(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(MIGRATIONS_FOLDER).sort()) {
    if (file.endsWith('.sql'))
      hash.update(file).update(readFileSync(join(MIGRATIONS_FOLDER, file)));
  }
  // The journal decides which of them run: a file not (yet) listed is not applied.
  hash.update(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json')));
  return `arena_template_${hash.digest('hex').slice(0, 12)}`;
}

async function withAdmin<T>(fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(TEST_POSTGRES_URL, { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/**
 * Creates the migrated template database once (vitest global setup). Test runs started at the
 * same time take turns on an advisory lock.
 */
export async function ensureTemplateDatabase(): Promise<string> {
  const name = templateName();
  await withAdmin(async (sql) => {
    await sql`select pg_advisory_lock(${TEMPLATE_LOCK_KEY})`;
    try {
      const [exists] = await sql`select 1 from pg_database where datname = ${name}`;
      if (exists) return;
      await sql.unsafe(`create database "${name}"`);
      try {
        await migratePostgresUrl(urlFor(name));
      } catch (error) {
        await sql.unsafe(`drop database if exists "${name}"`);
        throw error;
      }
    } finally {
      await sql`select pg_advisory_unlock(${TEMPLATE_LOCK_KEY})`;
    }
  });
  return name;
}

export interface TestDatabase {
  url: string;
  name: string;
  handle: DatabaseHandle;
  /** Closes the connections and drops the database. */
  drop(): Promise<void>;
}

/** A fresh, migrated database for one test file, cloned from the template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = await ensureTemplateDatabase();
  const name = `arena_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(async (sql) => {
    // Cloning fails while another session touches the template; that passes quickly.
    for (let attempt = 1; ; attempt++) {
      try {
        await sql.unsafe(`create database "${name}" template "${template}"`);
        return;
      } catch (error) {
        if (attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  });
  const url = urlFor(name);
  const handle = await openDatabase({ driver: 'postgres', url, maxConnections: 20 });
  return {
    url,
    name,
    handle,
    async drop() {
      await handle.close();
      await dropDatabase(name);
    },
  };
}

export async function dropDatabase(name: string): Promise<void> {
  await withAdmin((sql) => sql.unsafe(`drop database if exists "${name}" with (force)`));
}
