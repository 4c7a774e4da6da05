// Test helpers that stand below every package of ours but `db`: per-file Postgres databases,
// Redis key prefixes, hand-made votes, polling. They know nothing of services or runtime, so
// any package's tests can use them.
export { TEST_CATALOG_FILE, type TestDriver } from './fixtures';
export * from './faults';
export * from './next-battle';
export * from './postgres';
export * from './redis';
export * from './process';
export * from './production-tree';
export * from './s3';
export { SOURCE_NODE_ARGS } from './spawn-source';
export * from './tournament';
export * from './votes';
export * from './wait';
