import { auditLog, challenges, operators, operatorSessions, operatorTokens } from '@arena/db';
import { createOperatorToken } from '@arena/services';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draft } from '../support/admin';
import { startVotableArena, type TestArena } from '../support/arena';
import { TestClient } from '../support/client';
import { rowCounts } from '../support/db';
import { expectError } from '../support/errors';
import { consoleLogin, rawRequest } from '../support/operators';

/**
 * The console's session (middleware/operator-auth.ts, routes/admin-accounts.ts): a token
 * exchanged for an HttpOnly, SameSite=Strict cookie and a CSRF token; writes need the token in
 * X-CSRF-Token and no other site's Origin; a cross-site form post changes nothing.
 */
describe('the operator console session', () => {
  let arena: TestArena;
  let token: string;
  let operatorId: string;
  const client = () => new TestClient(arena.app);
  const db = () => arena.runtime.ctx.db;
  const tables = () => ({ challenges, operators, operatorTokens, operatorSessions, auditLog });

  beforeAll(async () => {
    arena = await startVotableArena('postgres');
    ({ token, operatorId } = await createOperatorToken(arena.runtime.ctx, { name: 'console' }));
  });
  afterAll(async () => {
    await arena?.close();
  });

  it('logs in with a token: an HttpOnly, SameSite=Strict cookie for the admin API, and a CSRF token', async () => {
    const login = await client().post('/api/admin/session', { token });
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({
      operator: { id: operatorId, name: 'console', role: 'admin' },
      csrfToken: expect.any(String),
    });
    const setCookie = login.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^arena_operator=[\w-]{40,};/);
    expect(setCookie).toMatch(/; HttpOnly/i);
    expect(setCookie).toMatch(/; SameSite=Strict/i);
    expect(setCookie).toMatch(/; Path=\/api\/admin/);
    // Plain HTTP (the embedded arena on localhost): a Secure cookie would never come back.
    expect(setCookie).not.toMatch(/; Secure/i);
    const cookie = setCookie.split(';')[0]!;
    const me = await client().get('/api/admin/session', { cookie });
    expect(me.body).toEqual({ ...login.body });

    // Over HTTPS the cookie is Secure.
    const https = await arena.app.request('https://arena.test/api/admin/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    expect(https.headers.get('set-cookie')).toMatch(/; Secure/i);

    // Only hashes are stored: neither the cookie's value nor the CSRF token.
    const sessionId = cookie.split('=')[1]!;
    const stored = JSON.stringify(await db().select().from(operatorSessions));
    expect(stored).not.toContain(sessionId);
    expect(stored).not.toContain(login.body.csrfToken);

    const logout = await client().request('DELETE', '/api/admin/session', undefined, {
      cookie,
      'x-csrf-token': login.body.csrfToken,
    });
    expect(logout.body).toEqual({ closed: true });
    expect(logout.headers.get('set-cookie')).toMatch(/arena_operator=;.*Max-Age=0/i);
    expectError(
      await client().get('/api/admin/session', { cookie }),
      401,
      'operator_session_invalid',
    );
  });

  it('refuses a wrong token at login, and a login from another site', async () => {
    const before = await rowCounts(arena, tables());
    expectError(
      await client().post('/api/admin/session', { token: `arena_op_${'z'.repeat(43)}` }),
      401,
      'operator_token_invalid',
    );
    expectError(
      await client().post('/api/admin/session', { token }, { origin: 'https://evil.example' }),
      403,
      'cross_site_request',
    );
    expect(await rowCounts(arena, tables())).toEqual(before);
  });

  it('refuses console writes without the CSRF token, or from another site, and changes nothing', async () => {
    const { cookie, csrf } = await consoleLogin(arena, token);
    const before = await rowCounts(arena, tables());
    const [victim] = await db().select().from(operatorTokens).limit(1);
    const evil = 'https://evil.example';
    // What a page elsewhere can send with the cookie: a form, or fetch without preflight.
    const forms: Array<[string, string, string]> = [
      ['/api/admin/operators', 'application/x-www-form-urlencoded', 'name=mallory&role=admin'],
      ['/api/admin/operators', 'text/plain', '{"name":"mallory","role":"admin"}'],
      ['/api/admin/challenges', 'text/plain', JSON.stringify(draft('cross-site'))],
      [`/api/admin/tokens/${victim!.id}/revoke`, 'application/x-www-form-urlencoded', ''],
    ];
    for (const [path, type, body] of forms) {
      const attempts: Array<[string, Record<string, string>, number, string]> = [
        ['a cross-site form', { origin: evil }, 403, 'cross_site_request'],
        [
          'fetch metadata says cross-site',
          { 'sec-fetch-site': 'cross-site' },
          403,
          'cross_site_request',
        ],
        ['no CSRF header', {}, 403, 'csrf_token_invalid'],
        ['a wrong CSRF header', { 'x-csrf-token': 'guess' }, 403, 'csrf_token_invalid'],
        [
          'the right CSRF header from another site',
          { origin: evil, 'x-csrf-token': csrf },
          403,
          'cross_site_request',
        ],
      ];
      for (const [label, headers, status, code] of attempts) {
        const response = await rawRequest(
          arena,
          'POST',
          path,
          { cookie, 'content-type': type, ...headers },
          body,
        );
        expect({ status: response.status, code: response.body?.code }, `${label}: ${path}`).toEqual(
          {
            status,
            code,
          },
        );
      }
    }
    expect(await rowCounts(arena, tables())).toEqual(before);
    const [still] = await db()
      .select()
      .from(operatorTokens)
      .where(eq(operatorTokens.id, victim!.id));
    expect(still!.revokedAt).toBeNull();

    // The console itself (same origin, the token in the header) gets through.
    const own = await client().post(
      '/api/admin/operators',
      { name: 'mallory', role: 'moderator' },
      { cookie, 'x-csrf-token': csrf, origin: 'http://localhost' },
    );
    expect(own.status).toBe(201);
  });

  it('lists, issues, expires and revokes tokens; revoking ends the sessions opened with it', async () => {
    const admin = { authorization: `Bearer ${token}` };
    const created = await client().post(
      '/api/admin/operators',
      { name: 'helper', role: 'moderator' },
      admin,
    );
    expect(created.status).toBe(201);
    const helperId = created.body.operator.id as string;
    expect(created.body.token.secret).toMatch(/^arena_op_[\w-]{43}$/);
    expectError(
      await client().post('/api/admin/operators', { name: 'helper', role: 'admin' }, admin),
      409,
      'operator_exists',
    );

    const issued = await client().post(
      `/api/admin/operators/${helperId}/tokens`,
      { label: 'laptop' },
      admin,
    );
    expect(issued.status).toBe(201);
    const secret = issued.body.secret as string;
    const tokenId = issued.body.token.id as string;
    const listed = await client().get(`/api/admin/tokens?operatorId=${helperId}`, admin);
    expect(listed.body.tokens.map((t: { label: string }) => t.label)).toEqual([
      'laptop',
      'first token',
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    expect(JSON.stringify(listed.body)).not.toMatch(/hash/i);

    const expiry = new Date(Date.now() + 3600_000).toISOString();
    const expiring = await client().request(
      'PATCH',
      `/api/admin/tokens/${tokenId}`,
      { expiresAt: expiry },
      admin,
    );
    expect(expiring.body.expiresAt).toBe(expiry);
    expectError(
      await client().request(
        'PATCH',
        `/api/admin/tokens/${tokenId}`,
        { expiresAt: '2001-01-01T00:00:00Z' },
        admin,
      ),
      400,
      'token_expiry_past',
    );

    const session = await consoleLogin(arena, secret);
    const me = await client().get('/api/admin/session', { cookie: session.cookie });
    expect(me.body.operator).toMatchObject({ name: 'helper', role: 'moderator' });
    // The session ends with its token, however it was opened.
    const revoked = await client().post(`/api/admin/tokens/${tokenId}/revoke`, undefined, admin);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    expectError(
      await client().get('/api/admin/session', { cookie: session.cookie }),
      401,
      'operator_session_invalid',
    );
    expectError(
      await client().get('/api/admin/session', { authorization: `Bearer ${secret}` }),
      401,
      'operator_token_invalid',
    );

    const audit = await client().get(`/api/admin/audit?action=token.revoke`, admin);
    expect(audit.body.entries).toMatchObject([
      {
        operatorName: 'console',
        subjectId: tokenId,
        before: { revokedAt: null },
        after: { revokedAt: expect.any(String), sessionsEnded: 1 },
      },
    ]);
  });

  it('keeps an audit log of the admin actions, newest first, in pages and by filter', async () => {
    const admin = { authorization: `Bearer ${token}` };
    const made = await client().post('/api/admin/challenges', draft('audited'), admin);
    expect(made.status).toBe(201);
    const page = await client().get('/api/admin/audit?limit=2', admin);
    expect(page.body.entries).toHaveLength(2);
    expect(page.body.entries[0]).toMatchObject({
      action: 'challenge.create',
      operatorId,
      operatorName: 'console',
      subjectId: made.body.id,
      after: { slug: 'audited' },
    });
    const ids = page.body.entries.map((e: { id: number }) => e.id);
    expect(ids[0]).toBeGreaterThan(ids[1]);
    const next = await client().get(
      `/api/admin/audit?limit=2&before=${page.body.nextBefore}`,
      admin,
    );
    expect(next.body.entries[0].id).toBeLessThan(ids[1]);
    const mine = await client().get(
      `/api/admin/audit?operatorId=${operatorId}&action=challenge.create`,
      admin,
    );
    expect(mine.body.entries.map((e: { subjectId: string }) => e.subjectId)).toEqual([
      made.body.id,
    ]);
  });

  it('shows the in-process queues, and serves the API reference from this origin', async () => {
    const admin = { authorization: `Bearer ${token}` };
    const depths = await client().get('/api/admin/queue-depths', admin);
    expect(depths.body).toMatchObject({ mode: 'in-process', board: null });
    expect(depths.body.queues.map((q: { name: string }) => q.name)).toContain('generation');

    const page = await arena.app.request('/api/docs');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('/api/docs/swagger-ui-bundle.js');
    expect(html).not.toMatch(/https?:\/\//);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    for (const asset of ['swagger-ui-bundle.js', 'swagger-ui.css', 'start.js']) {
      const response = await arena.app.request(`/api/docs/${asset}`);
      expect(response.status, asset).toBe(200);
      expect((await response.arrayBuffer()).byteLength, asset).toBeGreaterThan(100);
    }
    const document = (await (await arena.app.request('/api/openapi.json')).json()) as {
      components: { securitySchemes: Record<string, unknown> };
      paths: Record<string, Record<string, { security?: unknown }>>;
    };
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual([
      'operatorSession',
      'operatorToken',
    ]);
    expect(document.paths['/api/admin/tokens/{id}/revoke']!.post!.security).toEqual([
      { operatorToken: [] },
      { operatorSession: [] },
    ]);
    expect(document.paths['/api/admin/session']).toHaveProperty('post');
  });
});
