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
export { readGenerationTelemetry, type GenerationTelemetry } from './health/generation-telemetry';

// Voting
export { createVoter } from './voters/create-voter';
export { passHumanCheck, type PassHumanCheckInput } from './voters/pass-human-check';
export { getMyLeaderboard, MY_LEADERBOARD_MIN_VOTES } from './voters/my-leaderboard';
export { issueBattle, type IssueBattleInput } from './battles/issue-battle';
export { readBattleImage } from './battles/read-battle-image';
export { recordVote, type RecordVoteInput } from './votes/record-vote';
export { undoVote } from './votes/undo-vote';
export { markBattleShown } from './battles/mark-battle-shown';
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
export {
  findChallengePageSubject,
  findModelPageSubject,
  type ChallengePageSubject,
  type ModelPageSubject,
} from './reads/page-subjects';

// The catalog and challenges in the operator console
export { listAdminModels } from './catalog-admin/admin-models';
export { createModel } from './catalog-admin/create-model';
export { updateModel } from './catalog-admin/update-model';
export { setModelRetired } from './catalog-admin/retire-model';
export { listAdminProviders } from './catalog-admin/admin-providers';
export { createProvider } from './catalog-admin/create-provider';
export { updateProvider } from './catalog-admin/update-provider';
export { listAdminOfferings } from './catalog-admin/admin-offerings';
export { createOffering } from './catalog-admin/create-offering';
export { updateOffering } from './catalog-admin/update-offering';
export { listAdminCategories } from './catalog-admin/admin-categories';
export { createCategory } from './catalog-admin/create-category';
export { updateCategory } from './catalog-admin/update-category';
export { listAdminChallenges } from './challenges/admin-challenges';
export { fanOutFingerprint, readFanOut } from './challenges/read-fan-out';
export type { SourceImageUpload } from './challenges/store-source-image';
export { retryGeneration } from './generations/retry-generation';
export { disqualifyGeneration } from './generations/disqualify-generation';
export { readAdminImage } from './images/admin-image';

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

// Moderation and suggestions
export { setGenerationHidden } from './moderation/set-generation-hidden';
export { voidVote } from './moderation/void-vote';
export { voidVoterVotes } from './moderation/void-voter-votes';
export { setVoterFlag } from './moderation/set-voter-flag';
export { listModerationVoters } from './moderation/list-moderation-voters';
export { voterReport } from './moderation/voter-report';
export { suggestChallenge } from './suggestions/suggest-challenge';
export { listSuggestions } from './suggestions/list-suggestions';
export { acceptSuggestion } from './suggestions/accept-suggestion';
export { rejectSuggestion } from './suggestions/reject-suggestion';

// Operators
export { authenticateOperator, type Operator } from './operators/authenticate-operator';
export { createOperatorToken } from './operators/create-operator-token';
export { recordAudit, type AuditRecord } from './operators/record-audit';
export { hashOperatorToken, OPERATOR_TOKEN_PREFIX } from './operators/operator-token';
export { issueOperatorToken } from './operators/issue-operator-token';
export { createOperator } from './operators/create-operator';
export { listOperators } from './operators/list-operators';
export { listOperatorTokens } from './operators/list-operator-tokens';
export { setOperatorTokenExpiry } from './operators/update-operator-token';
export { revokeOperatorToken } from './operators/revoke-operator-token';
export { listAudit } from './operators/list-audit';
export { openOperatorSession, type OpenedSession } from './operators/open-operator-session';
export {
  authenticateOperatorSession,
  type SessionOperator,
} from './operators/authenticate-operator-session';
export { closeOperatorSession } from './operators/close-operator-session';
export { csrfMatches } from './operators/session-secrets';
