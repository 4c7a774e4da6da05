// Every operation of the product, called as `operation(ctx, input)`. Helpers that serve
// several operations stay inside the package.

export type {
  AdapterLookup,
  HumanVerdict,
  HumanVerifier,
  ProviderRegistry,
  ProviderRow,
  ServiceConfig,
  ServiceContext,
} from './context';
export { createJobHandlers } from './jobs/job-handlers';
export { checkHealth } from './health/check-health';

// Voting
export { createVoter } from './voters/create-voter';
export { passHumanCheck, type PassHumanCheckInput } from './voters/pass-human-check';
export { issueBattle, type IssueBattleInput } from './battles/issue-battle';
export { readBattleImage } from './battles/read-battle-image';
export { recordVote, type RecordVoteInput } from './votes/record-vote';
export type { ImageBytes } from './images/image-bytes';

// Catalog and challenges
export { catalogSchema, type Catalog } from './catalog/catalog-schema';
export { CatalogError, loadCatalog } from './catalog/load-catalog';
export { DEFAULT_CATALOG_FILE } from './default-catalog';
export { seedCatalogIfEmpty } from './catalog/seed-catalog';
export { syncCatalog, type CatalogSyncResult } from './catalog/sync-catalog';
export { createChallenge } from './challenges/create-challenge';
export { findChallengeIdBySlug } from './challenges/find-challenge-id';
export { launchChallenge } from './challenges/launch-challenge';
export { closeChallenge } from './challenges/close-challenge';
export { readSourceImage } from './challenges/read-source-image';
export { listCategories } from './reads/list-categories';
export { listChallenges } from './reads/list-challenges';
export { listModels } from './reads/list-models';

// Generation
export { reconcileGenerations, type ReconcileResult } from './generations/reconcile';
export { runGeneration } from './generations/run-generation';
export { getModelProviders, type ModelProvider } from './models/provider-performance';

// Leaderboards and results
export { getLeaderboard } from './leaderboards/get-leaderboard';
export { getPositionBias } from './leaderboards/position-bias';
export { getRatingHistory } from './leaderboards/rating-history';
export { recomputeLeaderboards } from './leaderboards/recompute-leaderboards';
export { publishChallengeResults } from './leaderboards/publish-challenge-results';
export type { RecomputeResult } from './leaderboards/publish-boards';
export { requestLeaderboardRecompute } from './leaderboards/request-recompute';
export { challengeScope } from './leaderboards/scopes';
export { getBestFor } from './results/best-for';
export { getChallengeLeaderboard } from './results/challenge-leaderboard';
export { getHeadToHead } from './results/head-to-head';
export { getModelResults } from './results/model-results';
export { readResultImage } from './results/result-image';

// Open data
export { EXPORT_CONTENT_TYPES, exportVotes } from './exports/export-votes';
export { exportSalt } from './exports/voter-hash';

// Screening voters
export { screenVoters, type ScreenVotersResult } from './voters/screen-voters';
export { listSuspectedVoters } from './voters/list-suspected-voters';
export { clearVoter } from './voters/clear-voter';

// Operators
export { authenticateOperator, type Operator } from './operators/authenticate-operator';
export { createOperatorToken } from './operators/create-operator-token';
