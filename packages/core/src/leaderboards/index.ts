export * from './compute-leaderboards';
export * from './open-data';
export * from './scopes';
export * from './best-for-order';
