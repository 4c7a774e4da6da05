import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppConfig } from './config';

/**
 * The key that signs voter cookies: SESSION_SECRET when set (required when several API
 * processes share voters), otherwise one generated at first start and kept under DATA_DIR.
 */
export async function resolveSessionSecret(
  config: Pick<AppConfig, 'sessionSecret' | 'dataDir'>,
): Promise<string> {
  if (config.sessionSecret) return config.sessionSecret;
  const { dataDir } = config;
  const file = join(dataDir, 'session-secret');
  try {
    const existing = (await readFile(file, 'utf8')).trim();
    if (existing.length >= 32) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secret = randomBytes(32).toString('base64url');
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, secret + '\n', { mode: 0o600 });
  return secret;
}
