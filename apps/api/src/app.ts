import {
  mountApi,
  OPENAPI_INFO,
  OPENAPI_PATH,
  OPERATOR_SESSION_SCHEME,
  OPERATOR_TOKEN_SCHEME,
  operatorSessionScheme,
  operatorTokenScheme,
} from '@arena/contract';
import { createMetrics } from '@arena/runtime';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from './env';
import { onError, onNotFound, validationHook } from './errors';
import { WIDGET_ORIGINS } from './human-check/widget-origins';
import { recordAddressKey } from './limits/address-key';
import { addressOf, limitNewVoters, limitRequests } from './limits/limit-requests';
import { NO_LIMITS } from './limits/request-limits';
import { operatorAuth } from './middleware/operator-auth';
import { mountApiDocs } from './docs/api-docs';
import { mountQueueBoard } from './queues/mount-queue-board';
import { readBody } from './middleware/read-body';
import { requestContext } from './middleware/request-context';
import { sourceImageUpload } from './middleware/source-image-upload';
import { voterSession } from './middleware/voter';
import { apiHandlers } from './routes/handlers';
import { securityHeaders } from './security/security-headers';
import { readIndexHtml, serveWeb } from './web/serve-web';

/** The methods whose requests may carry a body: the body limits apply to them. */
const BODY_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const PUBLIC_BODY_LIMIT = 64 * 1024;
/** Scripts may still send source images as base64 inside JSON (uploads have their own limit). */
const ADMIN_BODY_LIMIT = 40 * 1024 * 1024;

/**
 * The whole HTTP application; the node entry and the tests build it the same way. Middleware
 * goes by path, then the contract's routes are mounted with their handlers in one chain, so the
 * app's type carries every route.
 */
export function createApp(appDeps: AppDeps) {
  // Tests of other things pass no metrics: the app then counts into a registry of its own.
  const deps = { ...appDeps, metrics: appDeps.metrics ?? createMetrics() };
  const { ctx, sessionSecret, trustProxy } = deps;
  const limits = deps.limits ?? NO_LIMITS;
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use(
    requestContext(ctx.logger, { level: deps.requestLogLevel ?? 'info', metrics: deps.metrics }),
  );
  app.use(
    securityHeaders({
      indexHtml: readIndexHtml(deps.webDir),
      widgetOrigins: ctx.humanCheck ? WIDGET_ORIGINS[ctx.humanCheck.provider] : [],
      trustProxy,
    }),
  );
  const publicLimit = readBody(PUBLIC_BODY_LIMIT);
  const adminLimit = readBody(ADMIN_BODY_LIMIT);
  // Only where a body can come: the limit reads the body, which makes the Node adapter build a
  // full web Request for every GET too (a fifth of a cheap route's time). By method, so that a
  // GET or HEAD does not even pass through it.
  // The source image upload has a limit of its own, which names the field; before the general one.
  app.post('/api/admin/challenges', sourceImageUpload());
  app.on(BODY_METHODS, '/api/*', (c, next) =>
    c.req.path.startsWith('/api/admin/') ? adminLimit(c, next) : publicLimit(c, next),
  );
  const { newVoterCheck } = deps;
  const address = addressOf(limits);
  const session = voterSession(ctx, {
    secret: sessionSecret,
    trustProxy,
    beforeNewVoter: limitNewVoters(limits),
    newVoterNeedsCheck: newVoterCheck && ((c) => newVoterCheck.needsCheck(address(c))),
  });
  // `/api/battles/*` also matches `/api/battles` itself.
  app.use('/api/battles/*', session);
  app.use('/api/voters/*', session);
  app.use('/api/suggestions', session);
  app.use('/api/battles/*', recordAddressKey(address, sessionSecret));
  app.use('/api/suggestions', recordAddressKey(address, sessionSecret));
  app.use('/api/battles', limitRequests(limits, 'battle'));
  app.use('/api/battles/:id/vote', limitRequests(limits, 'vote'));
  // An undo counts as a vote (vote, undo, vote again costs twice); saying a prefetched battle is
  // on screen counts as a battle.
  app.use('/api/battles/:id/vote/undo', limitRequests(limits, 'vote'));
  app.use('/api/battles/:id/shown', limitRequests(limits, 'battle'));
  app.use('/api/votes/export', limitRequests(limits, 'export', 'GET'));
  app.use('/api/voters/human-check', limitRequests(limits, 'humanCheck'));
  app.use('/api/suggestions', limitRequests(limits, 'suggestion'));
  app.use('/api/admin/*', operatorAuth(ctx, { trustProxy }));

  // The same app, typed with every route it now serves.
  const api = mountApi(app, apiHandlers(deps));

  app.openAPIRegistry.registerComponent(
    'securitySchemes',
    OPERATOR_TOKEN_SCHEME,
    operatorTokenScheme,
  );
  app.openAPIRegistry.registerComponent(
    'securitySchemes',
    OPERATOR_SESSION_SCHEME,
    operatorSessionScheme,
  );
  // The document describes the routes above, which do not change: built at the first request,
  // then sent as the same bytes.
  let openApiJson: Buffer | undefined;
  app.get(OPENAPI_PATH, (c) => {
    openApiJson ??= Buffer.from(JSON.stringify(app.getOpenAPI31Document(OPENAPI_INFO)));
    return c.body(openApiJson as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': 'application/json',
    });
  });

  mountApiDocs(app);
  mountQueueBoard(app, deps.queueBoard);
  if (deps.webDir) app.use(serveWeb(deps.webDir, deps.ctx));
  app.notFound(onNotFound);
  app.onError(onError);
  return api;
}
