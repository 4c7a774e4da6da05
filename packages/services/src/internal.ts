// Phases of operations, for benchmarks that time them apart (scripts/bench). Not for the apps:
// they call the operations in index.ts.
export { aggregateVotesByCategory } from './leaderboards/aggregate-votes';
export { loadNames } from './leaderboards/scopes';
