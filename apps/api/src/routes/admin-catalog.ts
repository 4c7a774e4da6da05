import {
  createCategory,
  createModel,
  createOffering,
  createProvider,
  listAdminCategories,
  listAdminModels,
  listAdminOfferings,
  listAdminProviders,
  setModelRetired,
  updateCategory,
  updateModel,
  updateOffering,
  updateProvider,
} from '@arena/services';
import type { AppDeps, Handlers } from '../env';

type CatalogRoutes =
  | 'listAdminModels'
  | 'createModel'
  | 'updateModel'
  | 'retireModel'
  | 'unretireModel'
  | 'listAdminProviders'
  | 'createProvider'
  | 'updateProvider'
  | 'listAdminOfferings'
  | 'createOffering'
  | 'updateOffering'
  | 'listAdminCategories'
  | 'createCategory'
  | 'updateCategory';

/** The catalog in the operator console (admin only; the app applies operator auth). */
export function adminCatalogHandlers({ ctx }: AppDeps): Handlers<CatalogRoutes> {
  return {
    listAdminModels: async (c) => c.json({ models: await listAdminModels(ctx) }, 200),
    createModel: async (c) =>
      c.json(
        await createModel(ctx, { operatorId: c.get('operatorId'), model: c.req.valid('json') }),
        201,
      ),
    updateModel: async (c) =>
      c.json(
        await updateModel(ctx, {
          operatorId: c.get('operatorId'),
          modelId: c.req.valid('param').id,
          changes: c.req.valid('json'),
        }),
        200,
      ),
    retireModel: async (c) =>
      c.json(
        await setModelRetired(ctx, {
          operatorId: c.get('operatorId'),
          modelId: c.req.valid('param').id,
          retired: true,
        }),
        200,
      ),
    unretireModel: async (c) =>
      c.json(
        await setModelRetired(ctx, {
          operatorId: c.get('operatorId'),
          modelId: c.req.valid('param').id,
          retired: false,
        }),
        200,
      ),
    listAdminProviders: async (c) => c.json({ providers: await listAdminProviders(ctx) }, 200),
    createProvider: async (c) =>
      c.json(
        await createProvider(ctx, {
          operatorId: c.get('operatorId'),
          provider: c.req.valid('json'),
        }),
        201,
      ),
    updateProvider: async (c) =>
      c.json(
        await updateProvider(ctx, {
          operatorId: c.get('operatorId'),
          providerId: c.req.valid('param').id,
          changes: c.req.valid('json'),
        }),
        200,
      ),
    listAdminOfferings: async (c) =>
      c.json({ offerings: await listAdminOfferings(ctx, c.req.valid('query')) }, 200),
    createOffering: async (c) =>
      c.json(
        await createOffering(ctx, {
          operatorId: c.get('operatorId'),
          offering: c.req.valid('json'),
        }),
        201,
      ),
    updateOffering: async (c) =>
      c.json(
        await updateOffering(ctx, {
          operatorId: c.get('operatorId'),
          offeringId: c.req.valid('param').id,
          changes: c.req.valid('json'),
        }),
        200,
      ),
    listAdminCategories: async (c) =>
      c.json({ categories: await listAdminCategories(ctx, c.req.valid('query')) }, 200),
    createCategory: async (c) =>
      c.json(
        await createCategory(ctx, {
          operatorId: c.get('operatorId'),
          category: c.req.valid('json'),
        }),
        201,
      ),
    updateCategory: async (c) =>
      c.json(
        await updateCategory(ctx, {
          operatorId: c.get('operatorId'),
          categoryId: c.req.valid('param').id,
          changes: c.req.valid('json'),
        }),
        200,
      ),
  };
}
