import type {
  Battle,
  BestFor,
  Category,
  ChallengeLeaderboard,
  ChallengeSummary,
  ErrorBody,
  HeadToHead,
  Leaderboard,
  ModelProviders,
  ModelResults,
  ModelSummary,
  PositionBiasReport,
  RatingHistory,
  VoteResult,
} from '@arena/contract';
import type { Arena, VoteOutcome } from '@arena/core';

/**
 * The one way the web app talks to the API. Every function throws an ApiError on failure, so
 * components branch on `code` instead of parsing responses themselves.
 */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly requestId: string | null;

  constructor(code: string, message: string, status: number, requestId: string | null = null) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.requestId = requestId;
  }
}

export interface RequestOptions {
  /** SvelteKit's `fetch` inside load functions; the global one otherwise. */
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const body = value as Record<string, unknown>;
  return typeof body.code === 'string' && typeof body.message === 'string';
}

async function request<T>(
  method: 'GET' | 'POST',
  path: string,
  body: unknown,
  options: RequestOptions = {},
): Promise<T> {
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(path, {
      method,
      credentials: 'same-origin',
      headers:
        body === undefined
          ? { accept: 'application/json' }
          : { 'content-type': 'application/json', accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: options.signal,
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError('network_error', 'Could not reach the server. Check your connection.', 0);
  }

  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    if (isErrorBody(payload)) {
      throw new ApiError(payload.code, payload.message, response.status, payload.requestId ?? null);
    }
    throw new ApiError(
      'unexpected_response',
      `The server answered ${response.status} ${response.statusText}.`.replace(/ \.$/, '.'),
      response.status,
    );
  }
  if (payload === null) {
    throw new ApiError(
      'unexpected_response',
      'The server sent an unreadable response.',
      response.status,
    );
  }
  return payload as T;
}

const enc = encodeURIComponent;

function query(params: Record<string, string | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}

export function createBattle(
  input: { arena: Arena; category?: string | null },
  options?: RequestOptions,
): Promise<Battle> {
  const body = input.category
    ? { arena: input.arena, category: input.category }
    : { arena: input.arena };
  return request<Battle>('POST', '/api/battles', body, options);
}

export function castVote(
  battleId: string,
  outcome: VoteOutcome,
  options?: RequestOptions,
): Promise<VoteResult> {
  return request<VoteResult>('POST', `/api/battles/${enc(battleId)}/vote`, { outcome }, options);
}

export function getLeaderboard(
  arena: Arena,
  category?: string | null,
  options?: RequestOptions,
): Promise<Leaderboard> {
  return request<Leaderboard>(
    'GET',
    `/api/leaderboards/${enc(arena)}${query({ category })}`,
    undefined,
    options,
  );
}

export async function listCategories(arena: Arena, options?: RequestOptions): Promise<Category[]> {
  const result = await request<{ categories: Category[] }>(
    'GET',
    `/api/categories${query({ arena })}`,
    undefined,
    options,
  );
  return result.categories;
}

export async function listModels(options?: RequestOptions): Promise<ModelSummary[]> {
  const result = await request<{ models: ModelSummary[] }>(
    'GET',
    '/api/models',
    undefined,
    options,
  );
  return result.models;
}

export async function listChallenges(
  arena?: Arena,
  options?: RequestOptions,
): Promise<ChallengeSummary[]> {
  const result = await request<{ challenges: ChallengeSummary[] }>(
    'GET',
    `/api/challenges${query({ arena })}`,
    undefined,
    options,
  );
  return result.challenges;
}

export function getPositionBias(
  arena: Arena,
  category?: string | null,
  options?: RequestOptions,
): Promise<PositionBiasReport> {
  return request<PositionBiasReport>(
    'GET',
    `/api/leaderboards/${enc(arena)}/position-bias${query({ category })}`,
    undefined,
    options,
  );
}

/** A model's published rating over time in one arena (and category), for charts. */
export function getRatingHistory(
  slug: string,
  arena: Arena,
  category?: string | null,
  options?: RequestOptions,
): Promise<RatingHistory> {
  return request<RatingHistory>(
    'GET',
    `/api/models/${enc(slug)}/history${query({ arena, category })}`,
    undefined,
    options,
  );
}

/** Standing per arena, both-bad rate, and results in every closed challenge. */
export function getModelResults(slug: string, options?: RequestOptions): Promise<ModelResults> {
  return request<ModelResults>('GET', `/api/models/${enc(slug)}/results`, undefined, options);
}

/** Record against each opponent, in an arena overall or within one closed challenge. */
export function getHeadToHead(
  slug: string,
  scope: { arena?: Arena; challenge?: string } = {},
  options?: RequestOptions,
): Promise<HeadToHead> {
  return request<HeadToHead>(
    'GET',
    `/api/models/${enc(slug)}/head-to-head${query(scope)}`,
    undefined,
    options,
  );
}

export function getBestFor(slug: string, options?: RequestOptions): Promise<BestFor> {
  return request<BestFor>('GET', `/api/models/${enc(slug)}/best-for`, undefined, options);
}

/** A closed challenge's own leaderboard with every attempt (403 while it is open). */
export function getChallengeLeaderboard(
  slug: string,
  options?: RequestOptions,
): Promise<ChallengeLeaderboard> {
  return request<ChallengeLeaderboard>(
    'GET',
    `/api/challenges/${enc(slug)}/leaderboard`,
    undefined,
    options,
  );
}

/** Providers & pricing per resolution tier, with each provider's last 30 days of calls. */
export function getModelProviders(slug: string, options?: RequestOptions): Promise<ModelProviders> {
  return request<ModelProviders>('GET', `/api/models/${enc(slug)}/providers`, undefined, options);
}
