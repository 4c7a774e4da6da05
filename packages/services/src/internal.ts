// Phases of operations, for benchmarks that time them apart (scripts/bench). Not for the apps:
// they call the operations in index.ts.
export { aggregateVotesByCategory } from './leaderboards/aggregate-votes';
export { loadNames } from './leaderboards/scopes';
// The statements of the hot paths, which the benchmark replays in pgbench beside the endpoints.
export { battleInputsQuery } from './battles/battle-inputs';
export { insertBattleQuery } from './battles/insert-battle';
export { castVoteQuery } from './votes/cast-vote';
