import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { generations } from '@arena/db';
import { and, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';

/** How long a generation's lease lasts without renewal when the config does not say. */
export const DEFAULT_WORKER_LEASE_MS = 15_000;

/** Used when the context names no worker: one id per process, never shared with another. */
const PROCESS_WORKER_ID = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

type LeaseContext = Pick<ServiceContext, 'db' | 'logger' | 'workerId' | 'config'>;

export const workerIdOf = (ctx: Pick<ServiceContext, 'workerId'>) =>
  ctx.workerId ?? PROCESS_WORKER_ID;

export interface GenerationLease {
  owner: string;
  /** Stops renewing and clears the lease if it is still ours (done, failed, deferred). */
  release(): Promise<void>;
}

export type LeaseClaim =
  | { lease: GenerationLease }
  /** Another live worker runs it: ask again once its lease could have lapsed. */
  | { heldForMs: number }
  /** Finished or gone: nothing to do. */
  | { done: true };

/**
 * Claims a generation for this worker, on the database's clock: only while it is unfinished
 * and nobody holds an unexpired lease on it (this process's other jobs included, so two runs
 * of one generation never call a provider side by side). The lease is renewed every third of
 * its length until released, so it lapses soon after its worker dies, and only then.
 */
export async function claimGeneration(
  ctx: LeaseContext,
  input: { generationId: string },
): Promise<LeaseClaim> {
  const owner = workerIdOf(ctx);
  const leaseMs = ctx.config.workerLeaseMs ?? DEFAULT_WORKER_LEASE_MS;
  const expiry = sql`now() + ${`${leaseMs} milliseconds`}::interval`;
  const row = eq(generations.id, input.generationId);
  const [claimed] = await ctx.db
    .update(generations)
    .set({ leaseOwner: owner, leaseExpiresAt: expiry })
    .where(
      and(
        row,
        inArray(generations.status, ['pending', 'running']),
        or(isNull(generations.leaseExpiresAt), lte(generations.leaseExpiresAt, sql`now()`)),
      ),
    )
    .returning({ id: generations.id });
  if (!claimed) {
    const [held] = await ctx.db
      .select({
        status: generations.status,
        remainingMs: sql<number>`greatest(0, extract(epoch from ${generations.leaseExpiresAt} - now()) * 1000)`,
      })
      .from(generations)
      .where(row);
    if (!held || held.status === 'succeeded' || held.status === 'failed') return { done: true };
    // Expired between the two statements: ask again at once.
    return { heldForMs: Math.ceil(Number(held.remainingMs ?? 0)) };
  }

  const mine = and(row, eq(generations.leaseOwner, owner));
  let lost = false;
  const renew = setInterval(
    () => {
      ctx.db
        .update(generations)
        .set({ leaseExpiresAt: expiry })
        .where(mine)
        .returning({ id: generations.id })
        .then((rows) => {
          // Finished (the lease is cleared with the outcome) or taken over after a lapse.
          if (rows.length === 0 && !lost) {
            lost = true;
            ctx.logger.warn({ generationId: input.generationId }, 'generation lease lost');
          }
        })
        // A missed renewal is retried at the next tick: the lease covers two misses.
        .catch((error: unknown) =>
          ctx.logger.warn({ err: error, generationId: input.generationId }, 'lease renewal failed'),
        );
    },
    Math.floor(leaseMs / 3),
  );
  renew.unref();
  return {
    lease: {
      owner,
      async release() {
        clearInterval(renew);
        await ctx.db
          .update(generations)
          .set({ leaseOwner: null, leaseExpiresAt: null })
          .where(mine);
      },
    },
  };
}
