import { createHash, randomBytes } from 'node:crypto';

/** Every operator token starts with this, so a leaked one is recognisable (secret scanners). */
export const OPERATOR_TOKEN_PREFIX = 'arena_op_';

/** Tokens are stored only as this hash. */
export const hashOperatorToken = (token: string) =>
  createHash('sha256').update(token).digest('hex');

/** A new token: 256 random bits after the prefix. */
export const newOperatorToken = () => OPERATOR_TOKEN_PREFIX + randomBytes(32).toString('base64url');
