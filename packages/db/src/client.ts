import { mkdirSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { lockDataFolder } from './data-dir-lock';
import { migratePgliteDatabase, migratePostgresUrl } from './migrate';
import { openPgliteThread } from './pglite-thread';
import type { Database } from './database';
import * as schema from './schema';

export type { Database, Schema } from './database';

export type DatabaseDriver = 'postgres' | 'pglite';

export interface DatabaseHandle {
  db: Database;
  driver: DatabaseDriver;
  /** Applies the committed migrations; safe to call from several processes at once. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export type DatabaseOptions =
  | { driver: 'postgres'; url: string; maxConnections?: number }
  /**
   * `dataDir` is a folder, or `memory://` for a throwaway database. PGlite runs on a worker
   * thread of its own (pglite-thread.ts), so queries never block the process's event loop.
   */
  | { driver: 'pglite'; dataDir: string };

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.driver === 'postgres') {
    const client = postgres(options.url, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
    });
    const db = drizzlePostgres(client, { schema }) as unknown as Database;
    return {
      db,
      driver: 'postgres',
      migrate: () => migratePostgresUrl(options.url),
      close: () => client.end({ timeout: 5 }),
    };
  }
  const inMemory = options.dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(options.dataDir, { recursive: true });
  // One process per folder (data-dir-lock.ts): refused here, before anything is opened.
  const unlock = inMemory ? () => {} : lockDataFolder(options.dataDir);
  let client: Awaited<ReturnType<typeof openPgliteThread>>;
  try {
    client = await openPgliteThread(options.dataDir);
  } catch (error) {
    unlock();
    throw error;
  }
  // drizzle's PGlite driver calls only query, exec and transaction, which the thread serves.
  const db = drizzlePglite(client as unknown as PGlite, { schema }) as unknown as Database;
  return {
    db,
    driver: 'pglite',
    migrate: () => migratePgliteDatabase(db),
    close: () => client.close().finally(unlock),
  };
}
