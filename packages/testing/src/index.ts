export * from './postgres';
export * from './redis';
export * from './runtime';
export * from './wait';
