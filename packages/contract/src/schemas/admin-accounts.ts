import { z } from 'zod';

/** Operators, their tokens, console sessions, the audit log and queue depths. */

export const OPERATOR_ROLE_VALUES = ['admin', 'moderator'] as const;
export const operatorRoleSchema = z.enum(OPERATOR_ROLE_VALUES).meta({
  description: 'admin: everything; moderator: /api/admin/moderation/* and /api/admin/suggestions/*',
});
export type OperatorRoleName = z.infer<typeof operatorRoleSchema>;

const timestamp = z.string().meta({ format: 'date-time' });

export const operatorSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  role: operatorRoleSchema,
  createdAt: timestamp,
  /** Tokens neither revoked nor expired. */
  activeTokens: z.number().int(),
});
export type OperatorSummary = z.infer<typeof operatorSummarySchema>;

export const operatorsSchema = z.object({ operators: z.array(operatorSummarySchema) });

/** A token as listed: never the token itself, which is shown once when created. */
export const operatorTokenSchema = z.object({
  id: z.string(),
  operatorId: z.string(),
  operatorName: z.string(),
  label: z.string().nullable(),
  createdAt: timestamp,
  lastUsedAt: timestamp.nullable(),
  expiresAt: timestamp.nullable(),
  revokedAt: timestamp.nullable(),
});
export type OperatorTokenSummary = z.infer<typeof operatorTokenSchema>;

export const operatorTokensSchema = z.object({ tokens: z.array(operatorTokenSchema) });

export const operatorTokenQuery = z.object({ operatorId: z.uuid().optional() });

const futureExpiry = z.iso
  .datetime({ offset: true })
  .meta({ description: 'When the token stops working (ISO 8601); null: until revoked' });

export const createOperatorInput = z
  .object({
    name: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/)
      .max(64),
    role: operatorRoleSchema,
  })
  .strict();
export type CreateOperatorInput = z.infer<typeof createOperatorInput>;

export const createOperatorTokenInput = z
  .object({
    label: z.string().min(1).max(120).optional(),
    expiresAt: futureExpiry.nullable().optional(),
  })
  .strict();
export type CreateOperatorTokenInput = z.infer<typeof createOperatorTokenInput>;

export const updateOperatorTokenInput = z.object({ expiresAt: futureExpiry.nullable() }).strict();
export type UpdateOperatorTokenInput = z.infer<typeof updateOperatorTokenInput>;

/** A new token: `secret` is the token itself, shown this once and stored only as a hash. */
export const issuedOperatorTokenSchema = z.object({
  token: operatorTokenSchema,
  secret: z.string().meta({ description: 'arena_op_...: shown once, never again' }),
});
export type IssuedOperatorToken = z.infer<typeof issuedOperatorTokenSchema>;

export const createdOperatorSchema = z.object({
  operator: operatorSummarySchema,
  /** A first token for the new operator, shown once. */
  token: issuedOperatorTokenSchema,
});
export type CreatedOperator = z.infer<typeof createdOperatorSchema>;

export const openSessionInput = z.object({ token: z.string().min(1).max(200) }).strict();
export type OpenSessionInput = z.infer<typeof openSessionInput>;

/** Who is signed in; the console sends `csrfToken` as `X-CSRF-Token` on every write. */
export const operatorSessionSchema = z.object({
  operator: z.object({ id: z.string(), name: z.string(), role: operatorRoleSchema }),
  /** Null when the request was authenticated by a bearer token (no CSRF needed then). */
  csrfToken: z.string().nullable(),
  expiresAt: timestamp.nullable(),
});
export type OperatorSession = z.infer<typeof operatorSessionSchema>;

export const closedSessionSchema = z.object({ closed: z.boolean() });

export const auditEntrySchema = z.object({
  id: z.number().int(),
  operatorId: z.string().nullable(),
  operatorName: z.string().nullable(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  createdAt: timestamp,
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditQuery = z.object({
  operatorId: z.uuid().optional(),
  action: z.string().min(1).max(80).optional(),
  /** Entries older than this id (the previous page's `nextBefore`). */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const auditPageSchema = z.object({
  entries: z.array(auditEntrySchema),
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: z.number().int().nullable(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;

export const queueDepthSchema = z.object({
  name: z.string(),
  waiting: z.number().int(),
  active: z.number().int(),
  delayed: z.number().int(),
  failed: z.number().int(),
});

export const queueDepthsSchema = z.object({
  /** `bullmq` in production mode; `in-process` in the embedded default (no retry board). */
  mode: z.enum(['bullmq', 'in-process', 'none']),
  /** Where the queue board (bull-board: jobs, retry) is served; null without BullMQ. */
  board: z.string().nullable(),
  queues: z.array(queueDepthSchema),
});
export type QueueDepthsView = z.infer<typeof queueDepthsSchema>;
