import {
  auditLog,
  challenges,
  generations,
  operators,
  operatorSessions,
  operatorTokens,
} from '@arena/db';
import { createOperatorToken } from '@arena/services';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draft } from '../support/admin';
import { startVotableArena, type TestArena } from '../support/arena';
import { TestClient } from '../support/client';
import { challengeId, rowCounts } from '../support/db';
import { expectError } from '../support/errors';
import {
  adminRouteCalls,
  consoleLogin,
  moderatorMayCall,
  operatorWithToken,
  rawRequest,
} from '../support/operators';

/** Who may call the operator endpoints (routes/admin.ts, middleware/operator-auth.ts). */
describe('operator authentication', () => {
  let arena: TestArena;
  let token: string;
  const client = () => new TestClient(arena.app);
  const db = () => arena.runtime.ctx.db;
  const create = (body: unknown) =>
    client().post('/api/admin/challenges', body, { authorization: `Bearer ${token}` });
  const statusOf = async (id: string) =>
    (await db().select().from(challenges).where(eq(challenges.id, id)))[0]!.status;

  beforeAll(async () => {
    arena = await startVotableArena('postgres');
    ({ token } = await createOperatorToken(arena.runtime.ctx, { name: 'tester' }));
  });
  afterAll(async () => {
    await arena?.close();
  });

  it('refuses every operator route without a valid operator token, and changes nothing', async () => {
    const former = await createOperatorToken(arena.runtime.ctx, { name: 'former' });
    await db()
      .update(operatorTokens)
      .set({ revokedAt: new Date() })
      .where(eq(operatorTokens.operatorId, former.operatorId));
    const voter = client();
    await voter.post('/api/battles', { arena: 'text-to-image' });
    const { body: pending } = await create(draft('auth-target'));
    const open = await challengeId(arena, 'cafe-logo');
    const before = await rowCounts(arena, { challenges, auditLog, generations });

    const credentials: Array<[string, Record<string, string>, string]> = [
      ['no credentials', {}, 'operator_token_required'],
      ['a Basic header', { authorization: 'Basic dGVzdGVyOnRlc3Q=' }, 'operator_token_required'],
      ['an empty bearer', { authorization: 'Bearer ' }, 'operator_token_required'],
      [
        'not an operator token',
        { authorization: 'Bearer sk-1234567890' },
        'operator_token_required',
      ],
      ['the token without its scheme', { authorization: token }, 'operator_token_required'],
      [
        'an unknown token',
        { authorization: `Bearer arena_op_${'A'.repeat(43)}` },
        'operator_token_invalid',
      ],
      ['a revoked token', { authorization: `Bearer ${former.token}` }, 'operator_token_invalid'],
      ['a voter cookie', { cookie: voter.cookie! }, 'operator_token_required'],
    ];
    const requests: Array<[string, unknown]> = [
      ['/api/admin/challenges', draft('sneaky')],
      [`/api/admin/challenges/${pending.id}/launch`, undefined],
      [`/api/admin/challenges/${open}/close`, undefined],
      // Refused before its input is even read: the invalid body says nothing.
      ['/api/admin/challenges', { nonsense: true }],
      [`/api/admin/challenges?token=${token}`, draft('sneaky')],
    ];
    for (const [label, headers, code] of credentials) {
      for (const [path, body] of requests) {
        const response = await client().post(path, body, headers);
        expectError(response, 401, code, `${label}: POST ${path}`);
        expect(JSON.stringify(response.body)).not.toContain(token);
      }
    }
    expect(await rowCounts(arena, { challenges, auditLog, generations })).toEqual(before);
    expect(await statusOf(pending.id)).toBe('draft');
    expect(await statusOf(open)).toBe('voting');
  });

  it('refuses every admin route of the contract without working credentials, and changes nothing', async () => {
    const calls = adminRouteCalls();
    // The accounts' own routes at least: the list grows as other areas add theirs.
    expect(calls.map((call) => call.name)).toEqual(
      expect.arrayContaining([
        'createChallenge',
        'listOperators',
        'revokeOperatorToken',
        'listAudit',
      ]),
    );
    const revoked = await operatorWithToken(arena, 'revoked-one');
    const expired = await operatorWithToken(arena, 'expired-one');
    const revokedSession = await consoleLogin(arena, revoked.token);
    const expiredSession = await consoleLogin(arena, expired.token);
    // After login: the sessions must end with their tokens.
    await db()
      .update(operatorTokens)
      .set({ revokedAt: new Date() })
      .where(eq(operatorTokens.operatorId, revoked.operatorId));
    await db()
      .update(operatorTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(operatorTokens.operatorId, expired.operatorId));
    const tables = {
      challenges,
      auditLog,
      generations,
      operators,
      operatorTokens,
      operatorSessions,
    };
    const before = await rowCounts(arena, tables);

    const credentials: Array<[string, Record<string, string>, string]> = [
      ['no credentials', {}, 'operator_token_required'],
      [
        'a wrong token',
        { authorization: `Bearer arena_op_${'x'.repeat(43)}` },
        'operator_token_invalid',
      ],
      ['a revoked token', { authorization: `Bearer ${revoked.token}` }, 'operator_token_invalid'],
      ['an expired token', { authorization: `Bearer ${expired.token}` }, 'operator_token_expired'],
      [
        'a session of a token revoked since',
        { cookie: revokedSession.cookie, 'x-csrf-token': revokedSession.csrf },
        'operator_session_invalid',
      ],
      [
        'a session of a token expired since',
        { cookie: expiredSession.cookie, 'x-csrf-token': expiredSession.csrf },
        'operator_session_invalid',
      ],
      ['a made-up session', { cookie: 'arena_operator=made-up' }, 'operator_session_invalid'],
    ];
    for (const call of calls) {
      for (const [label, headers, code] of credentials) {
        const response = await rawRequest(arena, call.method, call.path, headers);
        expect(
          { status: response.status, code: response.body?.code },
          `${label}: ${call.name}`,
        ).toEqual({
          status: 401,
          code,
        });
      }
    }
    expect(await rowCounts(arena, tables)).toEqual(before);
  });

  it('refuses a moderator every admin-only route, and lets them past the role check elsewhere', async () => {
    const moderator = await operatorWithToken(arena, 'mod', { role: 'moderator' });
    const session = await consoleLogin(arena, moderator.token);
    const tables = { challenges, auditLog, generations, operators, operatorTokens };
    const before = await rowCounts(arena, tables);
    const ways: Array<[string, Record<string, string>]> = [
      ['bearer', { authorization: `Bearer ${moderator.token}` }],
      ['session', { cookie: session.cookie, 'x-csrf-token': session.csrf }],
    ];
    // Logging out would end the session the loop goes on using: the session routes are
    // everyone's anyway (admin-session.int.test.ts).
    const calls = adminRouteCalls().filter((call) => call.name !== 'closeOperatorSession');
    for (const call of calls) {
      for (const [way, headers] of ways) {
        const response = await rawRequest(arena, call.method, call.path, headers);
        const label = `moderator (${way}): ${call.method} ${call.path}`;
        if (moderatorMayCall(call.path)) {
          expect(response.status, label).not.toBe(401);
          expect(response.body?.code, label).not.toBe('operator_role_forbidden');
        } else {
          expect({ status: response.status, code: response.body?.code }, label).toEqual({
            status: 403,
            code: 'operator_role_forbidden',
          });
        }
      }
    }
    expect(await rowCounts(arena, tables)).toEqual(before);
    // The rule is the path's, not the handler's: an admin passes where the moderator did not.
    const admin = await rawRequest(arena, 'GET', '/api/admin/operators', {
      authorization: `Bearer ${token}`,
    });
    expect(admin.status).toBe(200);
  });

  it('takes the Bearer scheme in any case, as HTTP defines it', async () => {
    for (const [i, scheme] of ['bearer', 'BEARER', 'Bearer', 'bEaReR'].entries()) {
      const response = await client().post('/api/admin/challenges', draft(`scheme-${i}`), {
        authorization: `${scheme} ${token}`,
      });
      expect(response.status, scheme).toBe(201);
    }
    expectError(
      await client().post('/api/admin/challenges', draft('scheme-glued'), {
        authorization: `Bearer${token}`,
      }),
      401,
      'operator_token_required',
    );
  });
});
