export * from './compute-leaderboards';
export * from './open-data';
export * from './scopes';
