export * from './client';
export * from './migrate';
export * from './schema';
export * from './ids';
export * from './upsert';
export * from './query-rows';
export * from './raw-rows';
