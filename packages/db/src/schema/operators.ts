import { bigserial, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, timestamptz } from './common';

export const operators = pgTable('operators', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  /** `admin` may do everything; `moderator` moderates images, votes, voters and suggestions. */
  role: text('role').$type<OperatorRole>().notNull().default('admin'),
  createdAt: createdAt(),
});

export const OPERATOR_ROLES = ['admin', 'moderator'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

/** Bearer tokens for operators, stored as SHA-256 hashes; the token is shown once. */
export const operatorTokens = pgTable('operator_tokens', {
  id: uuid('id').primaryKey().defaultRandom(),
  operatorId: uuid('operator_id')
    .notNull()
    .references(() => operators.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull().unique(),
  label: text('label'),
  createdAt: createdAt(),
  lastUsedAt: timestamptz('last_used_at'),
  /** A token stops working at its expiry (none: until revoked). */
  expiresAt: timestamptz('expires_at'),
  revokedAt: timestamptz('revoked_at'),
});

/**
 * Console sessions: a token exchanged at login for a random session id, kept in an HttpOnly,
 * SameSite=Strict cookie and stored here only as its SHA-256 hash, with the CSRF token the
 * console sends back on every write (also hashed).
 */
export const operatorSessions = pgTable(
  'operator_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    operatorId: uuid('operator_id')
      .notNull()
      .references(() => operators.id, { onDelete: 'cascade' }),
    /** The token the session was opened with; revoking the token ends its sessions. */
    tokenId: uuid('token_id').references(() => operatorTokens.id, { onDelete: 'cascade' }),
    sessionHash: text('session_hash').notNull().unique(),
    csrfHash: text('csrf_hash').notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamptz('last_seen_at').notNull().defaultNow(),
    expiresAt: timestamptz('expires_at').notNull(),
    revokedAt: timestamptz('revoked_at'),
  },
  (t) => [index('operator_sessions_operator').on(t.operatorId)],
);

/** What operators changed, and when. */
export const auditLog = pgTable('audit_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  operatorId: uuid('operator_id').references(() => operators.id),
  action: text('action').notNull(),
  subjectType: text('subject_type').notNull(),
  subjectId: text('subject_id'),
  details: jsonb('details'),
  /** The subject as it was before the action and after it (null where it did not exist). */
  before: jsonb('before'),
  after: jsonb('after'),
  createdAt: createdAt(),
});
