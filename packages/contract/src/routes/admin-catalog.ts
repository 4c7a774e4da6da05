import { createRoute } from '@hono/zod-openapi';
import type { z } from 'zod';
import { OPERATOR_SECURITY } from '../openapi';
import { errorResponses, json } from '../responses';
import {
  adminCategoryListSchema,
  adminCategorySchema,
  adminModelListSchema,
  adminModelSchema,
  adminOfferingListSchema,
  adminOfferingSchema,
  adminProviderListSchema,
  adminProviderSchema,
  createCategoryInput,
  createModelInput,
  createOfferingInput,
  createProviderInput,
  offeringFilterQuery,
  updateCategoryInput,
  updateModelInput,
  updateOfferingInput,
  updateProviderInput,
} from '../schemas/admin-catalog';
import { arenaFilterQuery, uuidParams } from '../schemas/params';

/** The catalog in the operator console: models, providers, offerings and categories. */

const body = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});

// Generic in the path, so that each route keeps its literal path (the typed client's key).
const list = <P extends string, T extends z.ZodType>(path: P, summary: string, schema: T) =>
  createRoute({
    method: 'get',
    path,
    summary,
    security: OPERATOR_SECURITY,
    responses: { 200: json(schema, summary), ...errorResponses(400, 401, 403) },
  });

export const listAdminModels = list(
  '/api/admin/models',
  'Every model, retired ones included',
  adminModelListSchema,
);

export const createModel = createRoute({
  method: 'post',
  path: '/api/admin/models',
  summary: 'Add a model',
  security: OPERATOR_SECURITY,
  request: body(createModelInput),
  responses: {
    201: json(adminModelSchema, 'The model'),
    ...errorResponses(400, 401, 403, 409, 413, 415),
  },
});

export const updateModel = createRoute({
  method: 'patch',
  path: '/api/admin/models/{id}',
  summary: 'Change a model (only the fields sent)',
  security: OPERATOR_SECURITY,
  request: { params: uuidParams, ...body(updateModelInput) },
  responses: {
    200: json(adminModelSchema, 'The model'),
    ...errorResponses(400, 401, 403, 404, 409, 413, 415),
  },
});

export const retireModel = createRoute({
  method: 'post',
  path: '/api/admin/models/{id}/retire',
  summary: 'Retire a model: no new challenges fan out to it; history and ratings stay',
  security: OPERATOR_SECURITY,
  request: { params: uuidParams },
  responses: {
    200: json(adminModelSchema, 'The model, retired'),
    ...errorResponses(400, 401, 403, 404),
  },
});

export const unretireModel = createRoute({
  method: 'post',
  path: '/api/admin/models/{id}/unretire',
  summary: 'Bring a retired model back: new challenges fan out to it again',
  security: OPERATOR_SECURITY,
  request: { params: uuidParams },
  responses: {
    200: json(adminModelSchema, 'The model'),
    ...errorResponses(400, 401, 403, 404),
  },
});

export const listAdminProviders = list(
  '/api/admin/providers',
  'Every provider',
  adminProviderListSchema,
);

export const createProvider = createRoute({
  method: 'post',
  path: '/api/admin/providers',
  summary: 'Add a provider (the name of its key variable, never the key)',
  security: OPERATOR_SECURITY,
  request: body(createProviderInput),
  responses: {
    201: json(adminProviderSchema, 'The provider'),
    ...errorResponses(400, 401, 403, 409, 413, 415),
  },
});

export const updateProvider = createRoute({
  method: 'patch',
  path: '/api/admin/providers/{id}',
  summary: 'Change a provider (only the fields sent)',
  security: OPERATOR_SECURITY,
  request: { params: uuidParams, ...body(updateProviderInput) },
  responses: {
    200: json(adminProviderSchema, 'The provider'),
    ...errorResponses(400, 401, 403, 404, 409, 413, 415),
  },
});

export const listAdminOfferings = createRoute({
  method: 'get',
  path: '/api/admin/offerings',
  summary: 'Offerings (model x provider), optionally of one model or one provider',
  security: OPERATOR_SECURITY,
  request: { query: offeringFilterQuery },
  responses: {
    200: json(adminOfferingListSchema, 'The offerings'),
    ...errorResponses(400, 401, 403),
  },
});

export const createOffering = createRoute({
  method: 'post',
  path: '/api/admin/offerings',
  summary: 'Offer a model through a provider, with its prices and priority',
  security: OPERATOR_SECURITY,
  request: body(createOfferingInput),
  responses: {
    201: json(adminOfferingSchema, 'The offering'),
    ...errorResponses(400, 401, 403, 404, 409, 413, 415),
  },
});

export const updateOffering = createRoute({
  method: 'patch',
  path: '/api/admin/offerings/{id}',
  summary: 'Change an offering (only the fields sent)',
  security: OPERATOR_SECURITY,
  request: { params: uuidParams, ...body(updateOfferingInput) },
  responses: {
    200: json(adminOfferingSchema, 'The offering'),
    ...errorResponses(400, 401, 403, 404, 413, 415),
  },
});

export const listAdminCategories = createRoute({
  method: 'get',
  path: '/api/admin/categories',
  summary: 'Every category, optionally of one arena',
  security: OPERATOR_SECURITY,
  request: { query: arenaFilterQuery },
  responses: {
    200: json(adminCategoryListSchema, 'The categories'),
    ...errorResponses(400, 401, 403),
  },
});

export const createCategory = createRoute({
  method: 'post',
  path: '/api/admin/categories',
  summary: 'Add a category to an arena',
  security: OPERATOR_SECURITY,
  request: body(createCategoryInput),
  responses: {
    201: json(adminCategorySchema, 'The category'),
    ...errorResponses(400, 401, 403, 409, 413, 415),
  },
});

export const updateCategory = createRoute({
  method: 'patch',
  path: '/api/admin/categories/{id}',
  summary: 'Change a category (its arena stays)',
  security: OPERATOR_SECURITY,
  request: { params: uuidParams, ...body(updateCategoryInput) },
  responses: {
    200: json(adminCategorySchema, 'The category'),
    ...errorResponses(400, 401, 403, 404, 409, 413, 415),
  },
});
