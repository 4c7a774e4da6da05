import type { AppType } from '@arena/contract';
import type { Arena, VoteOutcome } from '@arena/core';
import { hc } from 'hono/client';
import { call, type RequestOptions } from './api-call';

export { ApiError, isAbort, type RequestOptions } from './api-call';

/**
 * The one way the web app talks to the API: a client typed by the contract's routes, so paths,
 * parameters and response types all come from the same definitions the server mounts. Every
 * function throws an ApiError on failure.
 */
const api = hc<AppType>('/').api;

// The client puts path parameters into the URL as they are.
const enc = encodeURIComponent;
/** Leaves out empty filters, as the server treats them as absent. */
const optional = (value: string | null | undefined) => value || undefined;

export function createBattle(
  input: { arena: Arena; category?: string | null },
  options?: RequestOptions,
) {
  const json = input.category
    ? { arena: input.arena, category: input.category }
    : { arena: input.arena };
  return call((init) => api.battles.$post({ json }, init), options);
}

export function castVote(battleId: string, outcome: VoteOutcome, options?: RequestOptions) {
  return call(
    (init) =>
      api.battles[':id'].vote.$post({ param: { id: enc(battleId) }, json: { outcome } }, init),
    options,
  );
}

/** Takes a vote back within its `undoUntil`; the battle cannot be voted on again. */
export function undoVote(battleId: string, options?: RequestOptions) {
  return call(
    (init) => api.battles[':id'].vote.undo.$post({ param: { id: enc(battleId) } }, init),
    options,
  );
}

/** Says a prefetched battle's two answers are on screen: its viewing time counts from now. */
export function markBattleShown(battleId: string, options?: RequestOptions) {
  return call(
    (init) => api.battles[':id'].shown.$post({ param: { id: enc(battleId) } }, init),
    options,
  );
}

/** Sends the human-check widget's token; after a pass, a refused vote can be sent again. */
export function passHumanCheck(token: string, options?: RequestOptions) {
  return call((init) => api.voters['human-check'].$post({ json: { token } }, init), options);
}

export function getLeaderboard(arena: Arena, category?: string | null, options?: RequestOptions) {
  return call(
    (init) =>
      api.leaderboards[':arena'].$get(
        { param: { arena }, query: { category: optional(category) } },
        init,
      ),
    options,
  );
}

/** The voter's own leaderboard in an arena (by the session cookie), or their count so far. */
export function getMyLeaderboard(arena: Arena, options?: RequestOptions) {
  return call((init) => api.me.leaderboard.$get({ query: { arena } }, init), options);
}

export async function listCategories(arena: Arena, options?: RequestOptions) {
  const result = await call((init) => api.categories.$get({ query: { arena } }, init), options);
  return result.categories;
}

export async function listModels(options?: RequestOptions) {
  return (await call((init) => api.models.$get(undefined, init), options)).models;
}

export async function listChallenges(arena?: Arena, options?: RequestOptions) {
  const result = await call((init) => api.challenges.$get({ query: { arena } }, init), options);
  return result.challenges;
}

export function getPositionBias(arena: Arena, category?: string | null, options?: RequestOptions) {
  return call(
    (init) =>
      api.leaderboards[':arena']['position-bias'].$get(
        { param: { arena }, query: { category: optional(category) } },
        init,
      ),
    options,
  );
}

/** A model's published rating over time in one arena (and category), for charts. */
export function getRatingHistory(
  slug: string,
  arena: Arena,
  category?: string | null,
  options?: RequestOptions,
) {
  return call(
    (init) =>
      api.models[':slug'].history.$get(
        { param: { slug: enc(slug) }, query: { arena, category: optional(category) } },
        init,
      ),
    options,
  );
}

/** Standing per arena, both-bad rate, and results in every closed challenge. */
export function getModelResults(slug: string, options?: RequestOptions) {
  return call(
    (init) => api.models[':slug'].results.$get({ param: { slug: enc(slug) } }, init),
    options,
  );
}

/** Record against each opponent, in an arena overall or within one closed challenge. */
export function getHeadToHead(
  slug: string,
  scope: { arena?: Arena; challenge?: string } = {},
  options?: RequestOptions,
) {
  return call(
    (init) =>
      api.models[':slug']['head-to-head'].$get(
        {
          param: { slug: enc(slug) },
          query: { arena: scope.arena, challenge: optional(scope.challenge) },
        },
        init,
      ),
    options,
  );
}

export function getBestFor(slug: string, options?: RequestOptions) {
  return call(
    (init) => api.models[':slug']['best-for'].$get({ param: { slug: enc(slug) } }, init),
    options,
  );
}

/** A closed challenge's own leaderboard with every attempt (403 while it is open). */
export function getChallengeLeaderboard(slug: string, options?: RequestOptions) {
  return call(
    (init) => api.challenges[':slug'].leaderboard.$get({ param: { slug: enc(slug) } }, init),
    options,
  );
}

/** Providers & pricing per resolution tier, with each provider's last 30 days of calls. */
export function getModelProviders(slug: string, options?: RequestOptions) {
  return call(
    (init) => api.models[':slug'].providers.$get({ param: { slug: enc(slug) } }, init),
    options,
  );
}

/** A challenge a voter suggests; it waits for an operator to accept it as a draft or reject it. */
export function suggestChallenge(
  input: { prompt: string; arena: Arena; category?: string },
  options?: RequestOptions,
) {
  return call((init) => api.suggestions.$post({ json: input }, init), options);
}
