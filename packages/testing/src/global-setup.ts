import { ensureTemplateDatabase } from './postgres';

/** Migrates the template database once per run; each test file then clones it. */
export default async function setup(): Promise<void> {
  await ensureTemplateDatabase();
}
