import { ServerResponse } from 'node:http';
import type { Context } from 'hono';

/** The Node response under the request, when the app runs in @hono/node-server. */
function nodeResponse(c: Context): ServerResponse | undefined {
  const outgoing = (c.env as { outgoing?: unknown } | undefined)?.outgoing;
  return outgoing instanceof ServerResponse && !outgoing.headersSent ? outgoing : undefined;
}

/**
 * Headers a response carries whatever the route answers (request id, security headers), set
 * before the route runs so that every answer has them, errors and the 404 included. A header
 * the route sets itself wins.
 *
 * Under the Node server they go on the Node response directly, where they cost a property
 * each; through the context (`app.request` in tests, other runtimes) they would make every
 * response carry a fetch `Headers` object, which costs more than the rest of a cheap route.
 */
export function setFixedHeaders(c: Context, headers: Iterable<readonly [string, string]>): void {
  const outgoing = nodeResponse(c);
  if (outgoing) for (const [name, value] of headers) outgoing.setHeader(name, value);
  else for (const [name, value] of headers) c.header(name, value);
}
