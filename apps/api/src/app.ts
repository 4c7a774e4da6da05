import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { AppDeps, AppEnv } from './env';
import { errorBody, onError, onNotFound, validationHook } from './errors';
import { requestContext } from './middleware/request-context';
import { adminRoutes } from './routes/admin';
import { battleRoutes } from './routes/battles';
import { healthRoutes } from './routes/health';
import { imageRoutes } from './routes/images';
import { modelProviderRoutes } from './routes/model-providers';
import { openDataRoutes } from './routes/open-data';
import { publicCatalogRoutes } from './routes/public-catalog';
import { resultRoutes } from './routes/results';
import { serveWeb } from './web/serve-web';

const PUBLIC_BODY_LIMIT = 64 * 1024;
/** Operators upload source images as base64 inside JSON. */
const ADMIN_BODY_LIMIT = 40 * 1024 * 1024;

const limitBody = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: (c) => c.json(errorBody(c, 'payload_too_large', 'the request body is too large'), 413),
  });

/** The whole HTTP application; the node entry and the tests build it the same way. */
export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use(requestContext(deps.ctx.logger));
  app.use(secureHeaders({ crossOriginResourcePolicy: 'same-origin' }));
  const publicLimit = limitBody(PUBLIC_BODY_LIMIT);
  const adminLimit = limitBody(ADMIN_BODY_LIMIT);
  app.use('/api/*', (c, next) =>
    c.req.path.startsWith('/api/admin/') ? adminLimit(c, next) : publicLimit(c, next),
  );

  app.route('/api', healthRoutes(deps));
  app.route('/api', battleRoutes(deps));
  app.route('/api', imageRoutes(deps));
  app.route('/api', publicCatalogRoutes(deps));
  app.route('/api', modelProviderRoutes(deps));
  app.route('/api', resultRoutes(deps));
  app.route('/api', openDataRoutes(deps));
  app.route('/api', adminRoutes(deps));

  app.openAPIRegistry.registerComponent('securitySchemes', 'operatorToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'An operator token from `pnpm arena operator create NAME`',
  });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Arena API',
      version: '1.0.0',
      description: 'Blind-vote arena and leaderboard for AI image models.',
    },
  });

  if (deps.webDir) app.use(serveWeb(deps.webDir));
  app.notFound(onNotFound);
  app.onError(onError);
  return app;
}

export type AppType = ReturnType<typeof createApp>;
