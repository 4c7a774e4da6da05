import type { HumanCheckResult } from '@arena/contract';
import { forbidden, notFound, unavailable } from '@arena/core';
import { voters } from '@arena/db';
import { eq } from 'drizzle-orm';
import type { HumanVerdict, ServiceContext } from '../context';

export interface PassHumanCheckInput {
  voterId: string;
  /** The token the provider's widget handed the browser. */
  token: string;
  /** The client's address, which the provider compares with the one that solved the widget. */
  remoteIp?: string;
}

/**
 * Verifies a widget token with the provider and, when it passes, records the pass on the voter:
 * a pending requirement is met and the vote count towards the next check starts again. A
 * provider that cannot be asked is a 503, never a pass.
 */
export async function passHumanCheck(
  ctx: Pick<ServiceContext, 'db' | 'humanCheck' | 'logger' | 'now'>,
  input: PassHumanCheckInput,
): Promise<HumanCheckResult> {
  const verifier = ctx.humanCheck;
  if (!verifier) throw notFound('human_check_off', 'this arena does not use a human check');
  let verdict: HumanVerdict;
  try {
    verdict = await verifier.verify({ token: input.token, remoteIp: input.remoteIp });
  } catch (error) {
    ctx.logger.warn({ err: error, provider: verifier.provider }, 'human check provider failed');
    throw unavailable(
      'human_check_unavailable',
      'the human check could not be verified just now; try again shortly',
    );
  }
  if (!verdict.success) {
    ctx.logger.info(
      { voterId: input.voterId, errorCodes: verdict.errorCodes },
      'human check failed',
    );
    throw forbidden('human_check_failed', 'the human check was not passed; try again', {
      errorCodes: verdict.errorCodes,
    });
  }
  const checkedAt = ctx.now();
  await ctx.db
    .update(voters)
    .set({ humanCheckedAt: checkedAt })
    .where(eq(voters.id, input.voterId));
  return { passed: true, checkedAt: checkedAt.toISOString() };
}
