import type { OpenAPIHono, RouteHandler } from '@hono/zod-openapi';
import type { Env } from 'hono';
import { routes, type ApiRouteName, type ApiRoutes } from './routes';

/**
 * One handler per route, each typed by its route: its input from the request schemas, and the
 * responses it may return (status and body) from the declared ones.
 */
export type ApiHandlers<E extends Env> = {
  [K in ApiRouteName]: RouteHandler<ApiRoutes[K], E>;
};

/** Keys of a handler map that name no route: each must be `never`, so any such key fails. */
type NoExtraHandlers<H> = { [K in Exclude<keyof H, ApiRouteName>]: never };

/**
 * Registers every route of the contract on `app`, in one chain: each `openapi` call adds its
 * route to the app's type, so the result describes the whole API for `hc<AppType>`. A route
 * without a handler, a handler for no route, or a handler whose response its route does not
 * declare, does not compile.
 */
export function mountApi<E extends Env, H extends ApiHandlers<E>>(
  app: OpenAPIHono<E>,
  handlers: H & NoExtraHandlers<H>,
) {
  return app
    .openapi(routes.health, handlers.health)
    .openapi(routes.createBattle, handlers.createBattle)
    .openapi(routes.vote, handlers.vote)
    .openapi(routes.undoVote, handlers.undoVote)
    .openapi(routes.markBattleShown, handlers.markBattleShown)
    .openapi(routes.passHumanCheck, handlers.passHumanCheck)
    .openapi(routes.myLeaderboard, handlers.myLeaderboard)
    .openapi(routes.battleImage, handlers.battleImage)
    .openapi(routes.sourceImage, handlers.sourceImage)
    .openapi(routes.resultImage, handlers.resultImage)
    .openapi(routes.leaderboard, handlers.leaderboard)
    .openapi(routes.categories, handlers.categories)
    .openapi(routes.models, handlers.models)
    .openapi(routes.challenges, handlers.challenges)
    .openapi(routes.modelProviders, handlers.modelProviders)
    .openapi(routes.positionBias, handlers.positionBias)
    .openapi(routes.ratingHistory, handlers.ratingHistory)
    .openapi(routes.modelResults, handlers.modelResults)
    .openapi(routes.headToHead, handlers.headToHead)
    .openapi(routes.bestFor, handlers.bestFor)
    .openapi(routes.challengeLeaderboard, handlers.challengeLeaderboard)
    .openapi(routes.exportVotes, handlers.exportVotes)
    .openapi(routes.createChallenge, handlers.createChallenge)
    .openapi(routes.launchChallenge, handlers.launchChallenge)
    .openapi(routes.closeChallenge, handlers.closeChallenge)
    .openapi(routes.listVoters, handlers.listVoters)
    .openapi(routes.clearVoter, handlers.clearVoter)
    .openapi(routes.listAdminModels, handlers.listAdminModels)
    .openapi(routes.createModel, handlers.createModel)
    .openapi(routes.updateModel, handlers.updateModel)
    .openapi(routes.retireModel, handlers.retireModel)
    .openapi(routes.unretireModel, handlers.unretireModel)
    .openapi(routes.listAdminProviders, handlers.listAdminProviders)
    .openapi(routes.createProvider, handlers.createProvider)
    .openapi(routes.updateProvider, handlers.updateProvider)
    .openapi(routes.listAdminOfferings, handlers.listAdminOfferings)
    .openapi(routes.createOffering, handlers.createOffering)
    .openapi(routes.updateOffering, handlers.updateOffering)
    .openapi(routes.listAdminCategories, handlers.listAdminCategories)
    .openapi(routes.createCategory, handlers.createCategory)
    .openapi(routes.updateCategory, handlers.updateCategory)
    .openapi(routes.listAdminChallenges, handlers.listAdminChallenges)
    .openapi(routes.challengeGenerations, handlers.challengeGenerations)
    .openapi(routes.challengeEvents, handlers.challengeEvents)
    .openapi(routes.retryGeneration, handlers.retryGeneration)
    .openapi(routes.disqualifyGeneration, handlers.disqualifyGeneration)
    .openapi(routes.adminImage, handlers.adminImage)
    .openapi(routes.openOperatorSession, handlers.openOperatorSession)
    .openapi(routes.currentOperatorSession, handlers.currentOperatorSession)
    .openapi(routes.closeOperatorSession, handlers.closeOperatorSession)
    .openapi(routes.listOperators, handlers.listOperators)
    .openapi(routes.createOperator, handlers.createOperator)
    .openapi(routes.listOperatorTokens, handlers.listOperatorTokens)
    .openapi(routes.createOperatorToken, handlers.createOperatorToken)
    .openapi(routes.updateOperatorToken, handlers.updateOperatorToken)
    .openapi(routes.revokeOperatorToken, handlers.revokeOperatorToken)
    .openapi(routes.listAudit, handlers.listAudit)
    .openapi(routes.queueDepths, handlers.queueDepths)
    .openapi(routes.hideGeneration, handlers.hideGeneration)
    .openapi(routes.unhideGeneration, handlers.unhideGeneration)
    .openapi(routes.voidVote, handlers.voidVote)
    .openapi(routes.voidVoterVotes, handlers.voidVoterVotes)
    .openapi(routes.flagVoter, handlers.flagVoter)
    .openapi(routes.unflagVoter, handlers.unflagVoter)
    .openapi(routes.banVoter, handlers.banVoter)
    .openapi(routes.unbanVoter, handlers.unbanVoter)
    .openapi(routes.listModerationVoters, handlers.listModerationVoters)
    .openapi(routes.voterReport, handlers.voterReport)
    .openapi(routes.suggestChallenge, handlers.suggestChallenge)
    .openapi(routes.listSuggestions, handlers.listSuggestions)
    .openapi(routes.acceptSuggestion, handlers.acceptSuggestion)
    .openapi(routes.rejectSuggestion, handlers.rejectSuggestion)
    .openapi(routes.liveness, handlers.liveness)
    .openapi(routes.readiness, handlers.readiness)
    .openapi(routes.metrics, handlers.metrics);
}

/** The whole API as a type, for `hc<AppType>('/')`: paths, inputs and responses of every route. */
export type AppType = ReturnType<typeof mountApi<Env, ApiHandlers<Env>>>;
