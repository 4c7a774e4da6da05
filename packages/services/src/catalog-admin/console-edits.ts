import { auditLog } from '@arena/db';
import { sql, type SQL } from 'drizzle-orm';

/** The subject types of catalog rows in the audit log, by table. */
export const CATALOG_SUBJECTS = {
  models: 'model',
  providers: 'provider',
  offerings: 'offering',
  categories: 'category',
} as const;
export type CatalogTable = keyof typeof CATALOG_SUBJECTS;

/**
 * True for a catalog row no operator has changed in the console: no audit entry names it.
 * Catalog sync updates only such rows (unless forced), so the file never undoes a console
 * edit. Written for the `WHERE` of an `ON CONFLICT DO UPDATE`, where the table's own name
 * refers to the existing row.
 */
export function neverEditedInConsole(table: CatalogTable): SQL {
  return sql`not exists (select 1 from ${auditLog} where ${auditLog.subjectType} = ${CATALOG_SUBJECTS[table]} and ${auditLog.subjectId} = ${sql.raw(`"${table}"."id"`)}::text)`;
}
