import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { validator } from 'hono/validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEnv } from '../../src/env';
import { onError } from '../../src/errors';
import { readBody } from '../../src/middleware/read-body';

const LIMIT = 1024;

interface Reply {
  status: number;
  body: string;
}

/** One request over a real socket; `chunks` are written one by one, without Content-Length. */
function post(
  port: number,
  options: { type: string; body?: string; chunks?: string[]; abortAfterChunk?: boolean },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': options.type };
    if (options.body !== undefined)
      headers['content-length'] = String(Buffer.byteLength(options.body));
    const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/echo', headers });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    if (options.body !== undefined) {
      req.end(options.body);
      return;
    }
    for (const chunk of options.chunks ?? []) req.write(chunk);
    if (options.abortAfterChunk) {
      setTimeout(() => {
        req.destroy();
        resolve({ status: 0, body: '' });
      }, 50);
      return;
    }
    req.end();
  });
}

describe('request bodies read from the Node request', () => {
  let server: ServerType;
  let port: number;
  /** Whether the body was already cached as text when the route's validator ran. */
  const readDirectly: boolean[] = [];

  beforeAll(async () => {
    const app = new Hono<AppEnv>();
    app.use('*', readBody(LIMIT));
    app.post(
      '/echo',
      async (c, next) => {
        readDirectly.push(c.req.bodyCache.text !== undefined);
        await next();
      },
      validator('json', (value) => value),
      async (c) =>
        c.req.header('content-type')!.startsWith('application/json')
          ? c.json({ got: c.req.valid('json') })
          : c.json({ text: await c.req.text() }),
    );
    app.onError(onError);
    server = await new Promise((resolve) => {
      const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
        resolve(started),
      );
    });
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('hands a JSON body to the validator without the web Request, by length or chunked', async () => {
    readDirectly.length = 0;
    const sized = await post(port, { type: 'application/json', body: '{"outcome":"left"}' });
    expect(sized).toEqual({ status: 200, body: '{"got":{"outcome":"left"}}' });
    const chunked = await post(port, {
      type: 'application/json; charset=utf-8',
      chunks: ['{"outcome":', '"tie","note":"é"}'],
    });
    expect(chunked).toEqual({ status: 200, body: '{"got":{"outcome":"tie","note":"é"}}' });
    expect(readDirectly).toEqual([true, true]);
  });

  it('refuses a body over the limit with 413, declared or streamed, and malformed JSON with 400', async () => {
    const big = `{"pad":"${'x'.repeat(LIMIT)}"}`;
    for (const reply of [
      await post(port, { type: 'application/json', body: big }),
      await post(port, { type: 'application/json', chunks: [big.slice(0, 600), big.slice(600)] }),
      await post(port, { type: 'text/plain', body: big }),
    ]) {
      expect(reply.status).toBe(413);
      expect(JSON.parse(reply.body)).toMatchObject({ code: 'payload_too_large' });
    }
    const malformed = await post(port, { type: 'application/json', body: '{"outcome":' });
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.body)).toMatchObject({ code: 'invalid_json' });
  });

  it('leaves other bodies to Hono, and survives a client leaving mid-body', async () => {
    readDirectly.length = 0;
    const text = await post(port, { type: 'text/plain', body: 'plain words' });
    expect(text).toEqual({ status: 200, body: '{"text":"plain words"}' });
    expect(readDirectly).toEqual([false]);

    await post(port, { type: 'application/json', chunks: ['{"outcome":'], abortAfterChunk: true });
    const after = await post(port, { type: 'application/json', body: '{"outcome":"right"}' });
    expect(after).toEqual({ status: 200, body: '{"got":{"outcome":"right"}}' });
  });
});
