import { migratePostgresUrl } from './migrate';

// `pnpm db:migrate`: applies migrations to DATABASE_URL (the app also migrates at start-up).
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set');
  process.exit(2);
}
await migratePostgresUrl(url);
console.log('migrations applied');
