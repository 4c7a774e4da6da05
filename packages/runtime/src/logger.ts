import pino, { type DestinationStream, type Logger } from 'pino';

/** Structured logs; anything that could hold a credential is redacted whatever its depth. */
export function createLogger(
  level: string,
  name: string,
  /** Where the lines go; standard output by default (tests read them). */
  destination?: DestinationStream,
): Logger {
  return pino(
    {
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
          // The human-check secret, also inside a logged configuration.
          'secret',
          '*.secret',
          '*.humanCheck.secret',
          '*.*.humanCheck.secret',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
