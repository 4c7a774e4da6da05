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
    .openapi(routes.passHumanCheck, handlers.passHumanCheck)
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
    .openapi(routes.clearVoter, handlers.clearVoter);
}

/** The whole API as a type, for `hc<AppType>('/')`: paths, inputs and responses of every route. */
export type AppType = ReturnType<typeof mountApi<Env, ApiHandlers<Env>>>;
