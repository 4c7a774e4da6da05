import type { Context, Hono } from 'hono';
import type { AppEnv } from '../env';
import { contentSecurityPolicy } from '../security/content-security-policy';
import { policyHeader } from '../security/security-headers';
import { QUEUE_BOARD_PATH, type QueueBoard } from './queue-board';

/**
 * bull-board's page sets `<base href>` to find its scripts and styles its loading indicator
 * inline: the API's policy with only those two loosened (scripts stay this origin's only).
 */
const BOARD_POLICY = policyHeader({
  ...contentSecurityPolicy(),
  styleSrc: ["'self'", "'unsafe-inline'"],
  baseUri: ["'self'"],
});
/** The page links a web font from another host; nothing leaves this origin. */
const EXTERNAL_FONTS = /<link[^>]+href="https:\/\/fonts\.googleapis\.com[^>]*>/g;

/**
 * bull-board at /api/admin/queues when the app has one (BullMQ), behind the operator auth
 * middleware that `/api/admin/*` already passes through (admins only: the role rule).
 */
export function mountQueueBoard(app: Hono<AppEnv>, board: QueueBoard | undefined) {
  const fetch = board?.fetch;
  if (!fetch) return;
  const handler = async (c: Context<AppEnv>) => {
    // bull-board's routes have no trailing slash, but its page's links (and `<base>`) do.
    const url = new URL(c.req.url);
    const trimmed = url.pathname.replace(/\/+$/, '');
    const response = await (trimmed === url.pathname
      ? fetch(c.req.raw)
      : fetch(new Request(Object.assign(url, { pathname: trimmed }), c.req.raw)));
    if (!response.headers.get('content-type')?.startsWith('text/html')) return response;
    const page = (await response.text()).replace(EXTERNAL_FONTS, '');
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    // Set on the response itself: it replaces the API's policy, set before the route ran.
    headers.set('Content-Security-Policy', BOARD_POLICY);
    return new Response(page, { status: response.status, headers });
  };
  app.all(QUEUE_BOARD_PATH, handler);
  app.all(`${QUEUE_BOARD_PATH}/*`, handler);
}
