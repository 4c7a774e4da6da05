import type {
  AdminCategory,
  AdminChallenge,
  AdminGeneration,
  AdminModel,
  AdminOffering,
  AdminProvider,
  AuditPage,
  CreateCategoryInput,
  CreatedOperator,
  CreateModelInput,
  CreateOfferingInput,
  CreateOperatorInput,
  CreateProviderInput,
  FanOut,
  IssuedOperatorToken,
  LaunchResult,
  ClosedChallenge,
  CreatedChallenge,
  OperatorSession,
  OperatorSummary,
  OperatorTokenSummary,
  AcceptedSuggestion,
  Suggestion,
  UpdateModelInput,
  UpdateOfferingInput,
  UpdateProviderInput,
  VoterSummary,
} from '@arena/contract';
import type { Arena, ChallengeStatus } from '@arena/core';
import { adminRequest, type AdminRequest } from './request';

/**
 * The admin API as the console uses it, one function per route, typed by the contract's
 * schemas. Writes carry the CSRF token (see request.ts).
 */

const enc = encodeURIComponent;
type Options = Pick<AdminRequest, 'signal'>;

// Session

export const openSession = (token: string) =>
  adminRequest<OperatorSession>('POST', '/api/admin/session', { body: { json: { token } } });
export const currentSession = (options?: Options) =>
  adminRequest<OperatorSession>('GET', '/api/admin/session', options);
export const closeSession = () => adminRequest<{ closed: boolean }>('DELETE', '/api/admin/session');

// Challenges

export async function listChallenges(
  filter: { status?: ChallengeStatus; arena?: Arena } = {},
  options?: Options,
) {
  const result = await adminRequest<{ challenges: AdminChallenge[] }>(
    'GET',
    '/api/admin/challenges',
    { ...options, query: filter },
  );
  return result.challenges;
}

/** Multipart: the fields as form fields, the source image as the file `sourceImage`. */
export const createChallenge = (form: FormData) =>
  adminRequest<CreatedChallenge>('POST', '/api/admin/challenges', { body: { form } });

export const launchChallenge = (id: string) =>
  adminRequest<LaunchResult>('POST', `/api/admin/challenges/${enc(id)}/launch`);
export const closeChallenge = (id: string) =>
  adminRequest<ClosedChallenge>('POST', `/api/admin/challenges/${enc(id)}/close`);
export const getFanOut = (id: string, options?: Options) =>
  adminRequest<FanOut>('GET', `/api/admin/challenges/${enc(id)}/generations`, options);
/** The fan-out's server-sent events (see fan-out.svelte.ts). */
export const fanOutEventsUrl = (id: string) => `/api/admin/challenges/${enc(id)}/events`;

export const retryGeneration = (id: string) =>
  adminRequest<AdminGeneration>('POST', `/api/admin/generations/${enc(id)}/retry`);
export const disqualifyGeneration = (id: string, reason: string) =>
  adminRequest<AdminGeneration>('POST', `/api/admin/generations/${enc(id)}/disqualify`, {
    body: { json: { reason } },
  });

// Catalog

export async function listModels(options?: Options) {
  return (await adminRequest<{ models: AdminModel[] }>('GET', '/api/admin/models', options)).models;
}
export const createModel = (input: CreateModelInput) =>
  adminRequest<AdminModel>('POST', '/api/admin/models', { body: { json: input } });
export const updateModel = (id: string, input: UpdateModelInput) =>
  adminRequest<AdminModel>('PATCH', `/api/admin/models/${enc(id)}`, { body: { json: input } });
export const setModelRetired = (id: string, retired: boolean) =>
  adminRequest<AdminModel>(
    'POST',
    `/api/admin/models/${enc(id)}/${retired ? 'retire' : 'unretire'}`,
  );

export async function listProviders(options?: Options) {
  const result = await adminRequest<{ providers: AdminProvider[] }>(
    'GET',
    '/api/admin/providers',
    options,
  );
  return result.providers;
}
export const createProvider = (input: CreateProviderInput) =>
  adminRequest<AdminProvider>('POST', '/api/admin/providers', { body: { json: input } });
export const updateProvider = (id: string, input: UpdateProviderInput) =>
  adminRequest<AdminProvider>('PATCH', `/api/admin/providers/${enc(id)}`, {
    body: { json: input },
  });

export async function listOfferings(filter: { modelId?: string } = {}, options?: Options) {
  const result = await adminRequest<{ offerings: AdminOffering[] }>('GET', '/api/admin/offerings', {
    ...options,
    query: filter,
  });
  return result.offerings;
}
export const createOffering = (input: CreateOfferingInput) =>
  adminRequest<AdminOffering>('POST', '/api/admin/offerings', { body: { json: input } });
export const updateOffering = (id: string, input: UpdateOfferingInput) =>
  adminRequest<AdminOffering>('PATCH', `/api/admin/offerings/${enc(id)}`, {
    body: { json: input },
  });

export async function listCategories(arena?: Arena, options?: Options) {
  const result = await adminRequest<{ categories: AdminCategory[] }>(
    'GET',
    '/api/admin/categories',
    { ...options, query: { arena } },
  );
  return result.categories;
}
export const createCategory = (input: CreateCategoryInput) =>
  adminRequest<AdminCategory>('POST', '/api/admin/categories', { body: { json: input } });

// Accounts and audit

export async function listOperators(options?: Options) {
  const result = await adminRequest<{ operators: OperatorSummary[] }>(
    'GET',
    '/api/admin/operators',
    options,
  );
  return result.operators;
}
export const createOperator = (input: CreateOperatorInput) =>
  adminRequest<CreatedOperator>('POST', '/api/admin/operators', { body: { json: input } });

export async function listTokens(options?: Options) {
  const result = await adminRequest<{ tokens: OperatorTokenSummary[] }>(
    'GET',
    '/api/admin/tokens',
    options,
  );
  return result.tokens;
}
export const issueToken = (operatorId: string, input: { label?: string }) =>
  adminRequest<IssuedOperatorToken>('POST', `/api/admin/operators/${enc(operatorId)}/tokens`, {
    body: { json: input },
  });
export const revokeToken = (id: string) =>
  adminRequest<OperatorTokenSummary>('POST', `/api/admin/tokens/${enc(id)}/revoke`);

export const listAudit = (before?: number, options?: Options) =>
  adminRequest<AuditPage>('GET', '/api/admin/audit', { ...options, query: { before } });

// Moderation

export async function listVoters(
  filter: { suspected?: boolean; flag?: 'flagged' | 'blocked' } = {},
  options?: Options,
) {
  const result = await adminRequest<{ voters: VoterSummary[] }>(
    'GET',
    '/api/admin/moderation/voters',
    { ...options, query: filter },
  );
  return result.voters;
}
export const moderateVoter = (id: string, action: 'flag' | 'unflag' | 'ban' | 'unban') =>
  adminRequest<unknown>('POST', `/api/admin/moderation/voters/${enc(id)}/${action}`);

export async function listSuggestions(status: Suggestion['status'] = 'pending', options?: Options) {
  const result = await adminRequest<{ suggestions: Suggestion[] }>(
    'GET',
    '/api/admin/suggestions',
    { ...options, query: { status } },
  );
  return result.suggestions;
}
/** The suggestion becomes a draft; a category is needed when the voter named none. */
export const acceptSuggestion = (id: string, input: { category?: string } = {}) =>
  adminRequest<AcceptedSuggestion>('POST', `/api/admin/suggestions/${enc(id)}/accept`, {
    body: { json: input },
  });
export const rejectSuggestion = (id: string) =>
  adminRequest<Suggestion>('POST', `/api/admin/suggestions/${enc(id)}/reject`, {
    body: { json: {} },
  });
