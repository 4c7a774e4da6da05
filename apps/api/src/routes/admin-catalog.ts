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
import { actionHandler, createHandler, updateHandler } from './catalog-edit-handlers';

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
    createModel: createHandler((operatorId, model) => createModel(ctx, { operatorId, model })),
    updateModel: updateHandler((operatorId, modelId, changes) =>
      updateModel(ctx, { operatorId, modelId, changes }),
    ),
    retireModel: actionHandler((operatorId, modelId) =>
      setModelRetired(ctx, { operatorId, modelId, retired: true }),
    ),
    unretireModel: actionHandler((operatorId, modelId) =>
      setModelRetired(ctx, { operatorId, modelId, retired: false }),
    ),
    listAdminProviders: async (c) => c.json({ providers: await listAdminProviders(ctx) }, 200),
    createProvider: createHandler((operatorId, provider) =>
      createProvider(ctx, { operatorId, provider }),
    ),
    updateProvider: updateHandler((operatorId, providerId, changes) =>
      updateProvider(ctx, { operatorId, providerId, changes }),
    ),
    listAdminOfferings: async (c) =>
      c.json({ offerings: await listAdminOfferings(ctx, c.req.valid('query')) }, 200),
    createOffering: createHandler((operatorId, offering) =>
      createOffering(ctx, { operatorId, offering }),
    ),
    updateOffering: updateHandler((operatorId, offeringId, changes) =>
      updateOffering(ctx, { operatorId, offeringId, changes }),
    ),
    listAdminCategories: async (c) =>
      c.json({ categories: await listAdminCategories(ctx, c.req.valid('query')) }, 200),
    createCategory: createHandler((operatorId, category) =>
      createCategory(ctx, { operatorId, category }),
    ),
    updateCategory: updateHandler((operatorId, categoryId, changes) =>
      updateCategory(ctx, { operatorId, categoryId, changes }),
    ),
  };
}
