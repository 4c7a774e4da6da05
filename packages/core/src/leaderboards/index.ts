export * from './compute-leaderboards';
export * from './open-data';
export * from './scopes';
export * from './best-for-order';
export * from './vote-line';
export * from './vote-tally';
export * from './vote-line-reader';
