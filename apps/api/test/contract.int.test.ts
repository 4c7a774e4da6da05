import { OPENAPI_PATH, routes } from '@arena/contract';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVotableArena, type TestArena } from './support/arena';
import { TestClient } from './support/client';
import { checkAgainstContract } from './support/contract-check';

const model = {
  id: 'b3c1',
  slug: 'alpha-image',
  name: 'Alpha Image',
  creator: 'Alpha Labs',
  arenas: ['text-to-image'],
  modelRef: null,
  releasedAt: null,
  active: true,
  retiredAt: null,
};
const refusal = { code: 'model_not_found', message: 'no such model', requestId: 'r1' };
const json = (body: unknown, status = 200) => ({ status, contentType: 'application/json', body });

// The check every API test relies on: it must be able to fail, or it proves nothing.
describe('the contract check of the test client', () => {
  it('accepts a response as its route declares it', () => {
    expect(() =>
      checkAgainstContract('GET', '/api/models', json({ models: [model] })),
    ).not.toThrow();
    expect(() =>
      checkAgainstContract('GET', '/api/models/alpha-image/results', json(refusal, 404)),
    ).not.toThrow();
  });

  it('rejects a body with a field of the wrong type, naming route, status and issue', () => {
    const wrong = { models: [{ ...model, active: 'yes' }] };
    expect(() => checkAgainstContract('GET', '/api/models', json(wrong))).toThrow(
      /models \(GET \/api\/models\) answered 200: the body breaks its schema[\s\S]*models\[0\]\.active/,
    );
  });

  it('rejects a field the schema does not declare, at any depth', () => {
    const leaky = { models: [{ ...model, providerKey: 'sk-123' }] };
    expect(() => checkAgainstContract('GET', '/api/models', json(leaky))).toThrow(/providerKey/);
    expect(() =>
      checkAgainstContract(
        'GET',
        '/api/models/alpha-image/results',
        json({ ...refusal, stack: 'at' }, 404),
      ),
    ).toThrow(/stack/);
  });

  it('rejects a status the route does not declare', () => {
    expect(() => checkAgainstContract('GET', '/api/models', json(refusal, 404))).toThrow(
      /models \(GET \/api\/models\) answered 404: not a declared status \(declared: 200, 503\)/,
    );
  });

  it('checks the content type of a binary response', () => {
    const image = (contentType: string) => ({ status: 200, contentType, body: Buffer.from('') });
    const path = '/api/battle-images/abcdefghijklmnop';
    expect(() => checkAgainstContract('GET', path, image('image/webp'))).not.toThrow();
    expect(() => checkAgainstContract('GET', path, image('image/png'))).toThrow(
      /battleImage .* answered 200: content type image\/png, declared image\/webp/,
    );
  });

  it('lets a path no route declares answer only with the error body', () => {
    expect(() => checkAgainstContract('GET', '/api/nothing', json(refusal, 404))).not.toThrow();
    expect(() => checkAgainstContract('GET', '/api/nothing', json({ models: [] }, 200))).toThrow(
      /no route of the contract/,
    );
  });

  it('fails the request that received a response breaking the contract', async () => {
    const leaky = new Hono().get('/api/models', (c) =>
      c.json({ models: [{ ...model, providerKey: 'sk-123' }] }),
    );
    await expect(new TestClient(leaky).get('/api/models')).rejects.toThrow(/providerKey/);
  });
});

describe('the routes of the contract, documented and served', () => {
  let arena: TestArena;
  const SAMPLE_PARAMS: Record<string, string> = {
    id: '00000000-0000-4000-8000-000000000000',
    token: 'no-such-token-0123456789',
    slug: 'no-such-slug',
    arena: 'text-to-image',
  };

  beforeAll(async () => {
    arena = await startVotableArena('postgres');
  });
  afterAll(async () => {
    await arena?.close();
  });

  it('lists exactly the routes of the contract in the OpenAPI document, images included', async () => {
    const response = await new TestClient(arena.app).get(OPENAPI_PATH);
    const paths = response.body.paths as Record<string, Record<string, unknown>>;
    const documented = Object.entries(paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const declared = Object.values(routes).map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(documented.sort()).toEqual(declared.sort());
    for (const path of [
      '/api/battle-images/{token}',
      '/api/source-images/{id}',
      '/api/result-images/{id}',
    ]) {
      expect(Object.keys(response.body.paths[path].get.responses['200'].content)).toEqual([
        'image/webp',
      ]);
    }
  });

  it('answers every route of the contract from its handler, never from notFound', async () => {
    const client = new TestClient(arena.app);
    const answers: Array<[string, number, string]> = [];
    for (const [name, route] of Object.entries(routes)) {
      const path = route.path.replace(/\{(\w+)\}/g, (_, param: string) => SAMPLE_PARAMS[param]!);
      const response =
        route.method === 'get' ? await client.get(path) : await client.post(path, {});
      answers.push([name, response.status, response.body?.code ?? 'no error']);
    }
    expect(answers.filter(([, , code]) => code === 'not_found')).toEqual([]);
    // The same request to a path no route declares does reach notFound.
    expect((await client.get('/api/nothing-here')).body.code).toBe('not_found');
  });
});
