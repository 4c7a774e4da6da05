import { auditLog, challenges, generations, operatorTokens } from '@arena/db';
import { createOperatorToken } from '@arena/services';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draft } from '../support/admin';
import { startVotableArena, type TestArena } from '../support/arena';
import { TestClient } from '../support/client';
import { challengeId, rowCounts } from '../support/db';
import { expectError } from '../support/errors';

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
