export * from './client';
export { DataFolderLockedError, type LockHolder } from './data-dir-lock';
export * from './migrate';
export * from './schema';
export * from './ids';
export * from './upsert';
export * from './query-rows';
export * from './raw-rows';
