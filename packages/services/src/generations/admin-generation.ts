import type { AdminGeneration } from '@arena/contract';
import { notFound } from '@arena/core';
import { generations } from '@arena/db';
import { eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { readFanOut } from '../challenges/read-fan-out';

/** One generation as the console's grid shows it. */
export async function readAdminGeneration(
  ctx: Pick<ServiceContext, 'db'>,
  input: { generationId: string },
): Promise<AdminGeneration> {
  const [row] = await ctx.db
    .select({ challengeId: generations.challengeId })
    .from(generations)
    .where(eq(generations.id, input.generationId));
  if (!row) throw notFound('generation_not_found', 'no such generation');
  const fanOut = await readFanOut(ctx, { challengeId: row.challengeId });
  return fanOut.generations.find((g) => g.id === input.generationId)!;
}
