import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema';

export type Schema = typeof schema;

/**
 * The database as services see it: the same drizzle API whether it runs on a Postgres server
 * (postgres.js) or in process (PGlite). A transaction is also a `Database`, so services take
 * either and callers can compose several in one transaction.
 */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
