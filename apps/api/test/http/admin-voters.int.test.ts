import { auditLog, voters } from '@arena/db';
import { createOperatorToken } from '@arena/services';
import { insertVotes, tournament } from '@arena/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVotableArena, type TestArena } from '../support/arena';
import { TestClient } from '../support/client';
import { expectError } from '../support/errors';

/** The operator endpoints for suspected voters: list them, clear one. */
describe('operator endpoints for suspected voters', () => {
  let arena: TestArena;
  let token: string;
  let operatorId: string;
  let suspect: string;
  const client = () => new TestClient(arena.app);
  const admin = () => ({ authorization: `Bearer ${token}` });
  const db = () => arena.runtime.ctx.db;
  const list = (query = '?status=suspected', headers: Record<string, string> = admin()) =>
    client().get(`/api/admin/voters${query}`, headers);
  const clear = (id: string, headers: Record<string, string> = admin()) =>
    client().post(`/api/admin/voters/${id}/clear`, undefined, headers);

  beforeAll(async () => {
    arena = await startVotableArena('postgres');
    ({ token, operatorId } = await createOperatorToken(arena.runtime.ctx, { name: 'tester' }));
    const [voter] = await db().insert(voters).values({}).returning({ id: voters.id });
    suspect = voter!.id;
    await insertVotes(
      db(),
      tournament('rainy-street', ['delta-draw', 'alpha-image'], 6, 0).map((spec) => ({
        ...spec,
        voterId: suspect,
      })),
    );
    // As screening leaves a flagged voter.
    await db()
      .update(voters)
      .set({
        suspectedAt: new Date(),
        suspicion: { reasons: ['text-to-image: picks delta-draw'], votes: 6, statistics: {} },
      })
      .where(eq(voters.id, suspect));
  });
  afterAll(async () => {
    await arena?.close();
  });

  it('lists suspected voters with their reasons and the votes set aside', async () => {
    for (const query of ['?status=suspected', '']) {
      const response = await list(query);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        voters: [
          {
            id: suspect,
            suspectedAt: expect.any(String),
            reasons: ['text-to-image: picks delta-draw'],
            votes: 6,
          },
        ],
      });
    }
    expectError(await list('?status=everyone'), 400, 'invalid_request');
  });

  it('refuses without an operator token', async () => {
    expectError(await list('', {}), 401, 'operator_token_required');
    expectError(await clear(suspect, {}), 401, 'operator_token_required');
    const [row] = await db().select().from(voters).where(eq(voters.id, suspect));
    expect(row!.clearedAt).toBeNull();
  });

  it('answers 400 for a malformed id and 404 for an unknown voter', async () => {
    expectError(await clear('not-a-uuid'), 400, 'invalid_request');
    expectError(await clear('00000000-0000-4000-8000-000000000000'), 404, 'voter_not_found');
  });

  it('clears a voter and records who did', async () => {
    const response = await clear(suspect);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      id: suspect,
      clearedAt: expect.any(String),
      clearedBy: operatorId,
    });
    const [row] = await db().select().from(voters).where(eq(voters.id, suspect));
    expect(row).toMatchObject({
      clearedBy: operatorId,
      clearedAt: new Date(response.body.clearedAt),
    });
    const audited = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'voter.clear'), eq(auditLog.subjectId, suspect)));
    expect(audited).toMatchObject([{ operatorId }]);
    expect((await list()).body).toEqual({ voters: [] });
    // Once cleared there is nothing left to clear.
    expectError(await clear(suspect), 409, 'voter_not_suspected');
  });
});
