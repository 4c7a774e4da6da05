// The HTTP API as data: request and response schemas, route definitions, the function that
// mounts them with their handlers, and AppType for typed clients. Depends only on core.

export * from './schemas/common';
export * from './schemas/errors';
export * from './schemas/battles';
export * from './schemas/voters';
export * from './schemas/leaderboards';
export * from './schemas/catalog';
export * from './schemas/model-providers';
export * from './schemas/challenge-results';
export * from './schemas/model-results';
export * from './schemas/admin';
export * from './schemas/admin-catalog';
export * from './schemas/admin-challenges';
export * from './schemas/admin-moderation';
export * from './schemas/suggestions';
export * from './schemas/my-votes';
export * from './schemas/admin-accounts';
export * from './schemas/voters';
export * from './schemas/health';
export * from './schemas/params';
export * from './openapi';
export { routes, type ApiRouteName, type ApiRoutes } from './routes';
export { mountApi, type ApiHandlers, type AppType } from './mount';
