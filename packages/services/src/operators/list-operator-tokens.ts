import type { OperatorTokenSummary } from '@arena/contract';
import { operatorTokens } from '@arena/db';
import { eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { selectTokenSummaries } from './token-summary';

/** Tokens (all, or one operator's), newest first; never a token itself, which is not stored. */
export async function listOperatorTokens(
  ctx: Pick<ServiceContext, 'db'>,
  input: { operatorId?: string } = {},
): Promise<OperatorTokenSummary[]> {
  return selectTokenSummaries(
    ctx,
    input.operatorId ? eq(operatorTokens.operatorId, input.operatorId) : undefined,
  );
}
