import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../env';
import { errorBody } from '../errors';

/** What the Node adapter puts in `c.env` (absent when the app is called without a server). */
interface NodeBindings {
  incoming?: IncomingMessage;
}

const JSON_MEDIA = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

const tooLarge = (c: Context<AppEnv>) =>
  c.json(errorBody(c, 'payload_too_large', 'the request body is too large'), 413);

/** The whole body of a Node request, or undefined as soon as it passes `maxSize` bytes. */
function readIncoming(incoming: IncomingMessage, maxSize: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (error?: Error, body?: Buffer) => {
      incoming.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      if (error) reject(error);
      else resolve(body);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxSize) {
        // The rest is left unread: Node discards it once the 413 is sent.
        incoming.pause();
        done();
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => done(undefined, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
    const onError = (error: Error) => done(error);
    const onClose = () => {
      if (!incoming.complete) done(new Error('the request body ended early'));
    };
    incoming.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}

/**
 * Request bodies up to `maxSize` bytes, 413 beyond (by the declared Content-Length at once,
 * else as they stream). A JSON body on a Node server is read straight from the socket's
 * stream and handed to Hono as the request's cached text, which its validators parse: the
 * adapter then never builds a web Request and a web stream for it, which cost about a tenth
 * of a vote's CPU. Other bodies (and requests without a Node server behind them, as in
 * tests calling the app directly) go through Hono's own body limit.
 */
export function readBody(maxSize: number): MiddlewareHandler<AppEnv> {
  const generic = bodyLimit({ maxSize, onError: tooLarge });
  return async (c, next) => {
    const incoming = (c.env as NodeBindings | undefined)?.incoming;
    const type = c.req.header('content-type');
    if (!incoming || !type || !JSON_MEDIA.test(type) || incoming.readableDidRead) {
      return generic(c, next);
    }
    const declared = Number(c.req.header('content-length') ?? 0);
    if (declared > maxSize) return tooLarge(c);
    let body: Buffer | undefined;
    try {
      body = await readIncoming(incoming, maxSize);
    } catch {
      throw new HTTPException(400, { message: 'the request body could not be read' });
    }
    if (!body) return tooLarge(c);
    // Hono keeps the promise of each body reading here (its type says otherwise).
    (c.req.bodyCache as { text?: Promise<string> }).text = Promise.resolve(body.toString('utf8'));
    return next();
  };
}
