export * from './arena';
export * from './postgres';
export * from './redis';
export * from './runtime';
export * from './votes';
export * from './wait';
