import { voters } from '@arena/db';
import type { ServiceContext } from '../context';

/**
 * A new anonymous voter; its id goes into the signed cookie that names it from then on. It is
 * created owing a human check when `humanCheckRequired` (its address has started many voters
 * already). A returning voter is never looked up: the signed cookie is proof enough, and the
 * battle statement refreshes its `last_seen_at` (insert-battle.ts).
 */
export async function createVoter(
  ctx: Pick<ServiceContext, 'db' | 'now'>,
  input: { humanCheckRequired?: boolean } = {},
): Promise<string> {
  const [created] = await ctx.db
    .insert(voters)
    .values(input.humanCheckRequired ? { humanCheckRequiredAt: ctx.now() } : {})
    .returning({ id: voters.id });
  return created!.id;
}
