import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import { clearVoter, closeChallenge, createChallenge, launchChallenge, listVoters } from './admin';
import {
  closeOperatorSession,
  createOperator,
  createOperatorTokenRoute,
  currentOperatorSession,
  listAudit,
  listOperators,
  listOperatorTokens,
  openOperatorSession,
  queueDepths,
  revokeOperatorToken,
  updateOperatorToken,
} from './admin-accounts';
import {
  createCategory,
  createModel,
  createOffering,
  createProvider,
  listAdminCategories,
  listAdminModels,
  listAdminOfferings,
  listAdminProviders,
  retireModel,
  unretireModel,
  updateCategory,
  updateModel,
  updateOffering,
  updateProvider,
} from './admin-catalog';
import {
  adminImage,
  challengeEvents,
  challengeGenerations,
  disqualifyGeneration,
  listAdminChallenges,
  retryGeneration,
} from './admin-challenges';
import {
  banVoter,
  flagVoter,
  hideGeneration,
  listModerationVoters,
  unbanVoter,
  unflagVoter,
  unhideGeneration,
  voidVote,
  voidVoterVotes,
  voterReport,
} from './admin-moderation';
import { createBattle, markBattleShown, undoVote, vote } from './battles';
import { categories, challenges, leaderboard, modelProviders, models } from './catalog';
import { errorResponses } from '../responses';
import { health, liveness, metrics, readiness } from './health';
import { battleImage, resultImage, sourceImage } from './images';
import { exportVotes } from './open-data';
import {
  bestFor,
  challengeLeaderboard,
  headToHead,
  modelResults,
  positionBias,
  ratingHistory,
} from './results';
import { passHumanCheck } from './voters';
import { myLeaderboard } from './my-votes';
import {
  acceptSuggestion,
  listSuggestions,
  rejectSuggestion,
  suggestChallenge,
} from './suggestions';

/** Every route under /api reads the database: each answers 503 while it is unreachable. */
const UNAVAILABLE = errorResponses(503);
/** Every operator route may be refused by the operator-auth middleware (credentials, role, CSRF). */
const OPERATOR_REFUSALS = errorResponses(401, 403);
type MayBeUnavailable<R extends { responses: object }> = Omit<R, 'responses'> & {
  responses: R['responses'] & typeof UNAVAILABLE;
};
function mayBeUnavailable<T extends Record<string, RouteConfig>>(
  table: T,
): { [K in keyof T]: MayBeUnavailable<T[K]> } {
  return Object.fromEntries(
    Object.entries(table).map(([name, route]) => [
      name,
      createRoute({
        ...route,
        responses: {
          ...route.responses,
          ...UNAVAILABLE,
          ...(route.path.startsWith('/api/admin/') ? OPERATOR_REFUSALS : {}),
        },
      }),
    ]),
    // Each route keeps its own type, with the 503 added to its responses.
  ) as unknown as { [K in keyof T]: MayBeUnavailable<T[K]> };
}

/** The API's routes, by the name its handler goes by. */
const apiRoutes = mayBeUnavailable({
  health,
  createBattle,
  vote,
  undoVote,
  markBattleShown,
  passHumanCheck,
  myLeaderboard,
  battleImage,
  sourceImage,
  resultImage,
  leaderboard,
  categories,
  models,
  challenges,
  modelProviders,
  positionBias,
  ratingHistory,
  modelResults,
  headToHead,
  bestFor,
  challengeLeaderboard,
  exportVotes,
  createChallenge,
  launchChallenge,
  closeChallenge,
  listVoters,
  clearVoter,
  hideGeneration,
  unhideGeneration,
  voidVote,
  voidVoterVotes,
  flagVoter,
  unflagVoter,
  banVoter,
  unbanVoter,
  listModerationVoters,
  voterReport,
  suggestChallenge,
  listSuggestions,
  acceptSuggestion,
  rejectSuggestion,
  listAdminModels,
  createModel,
  updateModel,
  retireModel,
  unretireModel,
  listAdminProviders,
  createProvider,
  updateProvider,
  listAdminOfferings,
  createOffering,
  updateOffering,
  listAdminCategories,
  createCategory,
  updateCategory,
  listAdminChallenges,
  challengeGenerations,
  challengeEvents,
  retryGeneration,
  disqualifyGeneration,
  adminImage,
  openOperatorSession,
  currentOperatorSession,
  closeOperatorSession,
  listOperators,
  createOperator,
  listOperatorTokens,
  createOperatorToken: createOperatorTokenRoute,
  updateOperatorToken,
  revokeOperatorToken,
  listAudit,
  queueDepths,
} as const);

/** Every route of the HTTP API: the API's, and the probes and metrics beside it. */
export const routes = { ...apiRoutes, liveness, readiness, metrics } as const;

export type ApiRoutes = typeof routes;
export type ApiRouteName = keyof ApiRoutes;
