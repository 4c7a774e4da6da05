import { createProviderInput, type AdminProvider, type CreateProviderInput } from '@arena/contract';
import { conflict } from '@arena/core';
import { providers } from '@arena/db';
import type { ServiceContext } from '../context';
import { recordAudit } from '../operators/record-audit';
import { loadAdminProvider } from './admin-providers';
import { conflictOnDuplicate } from './unique-violation';

const SLUG_TAKEN = 'a provider with this slug already exists';

/**
 * Adds a provider. The row names the environment variable that holds its key; the key stays
 * in the environment of the processes that run jobs.
 */
export async function createProvider(
  ctx: Pick<ServiceContext, 'db'>,
  input: { operatorId: string | null; provider: CreateProviderInput },
): Promise<AdminProvider> {
  const fields = createProviderInput.parse(input.provider);
  return ctx.db
    .transaction(async (tx) => {
      const [row] = await tx
        .insert(providers)
        .values({
          slug: fields.slug,
          name: fields.name,
          kind: fields.kind,
          baseUrl: fields.baseUrl ?? null,
          apiKeyEnv: fields.apiKeyEnv ?? null,
          enabled: fields.enabled,
          concurrency: fields.concurrency,
          ratePerMinute: fields.ratePerMinute ?? null,
        })
        .onConflictDoNothing({ target: providers.slug })
        .returning({ id: providers.id });
      if (!row) throw conflict('slug_taken', SLUG_TAKEN);
      const created = (await loadAdminProvider({ db: tx }, row.id))!;
      await recordAudit(
        { db: tx },
        {
          operatorId: input.operatorId,
          action: 'provider.create',
          subjectType: 'provider',
          subjectId: row.id,
          after: created,
        },
      );
      return created;
    })
    .catch(conflictOnDuplicate('slug_taken', SLUG_TAKEN));
}
