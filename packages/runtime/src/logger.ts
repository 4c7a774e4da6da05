import pino, { type DestinationStream, type Logger } from 'pino';
import { humanOutput } from './human-log';

/** Lines are written in blocks of at least this many bytes… */
const LOG_BLOCK_BYTES = 8192;
/** …or once they have waited this long. */
const LOG_FLUSH_MS = 200;

/**
 * Standard output for a process that logs a line per request (the API): written in blocks
 * rather than with a write(2) per line, which cost more than making the line. Asynchronous, and
 * flushed when the process exits (pino registers that for the destinations it makes), so only a
 * process killed outright (SIGKILL, out of memory) loses its last block; a quiet process's
 * lines wait at most LOG_FLUSH_MS.
 */
export function bufferedStandardOutput(): DestinationStream {
  return pino.destination({
    dest: 1,
    sync: false,
    minLength: LOG_BLOCK_BYTES,
    periodicFlush: LOG_FLUSH_MS,
  });
}

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
          '*.metricsToken',
          '*.*.metricsToken',
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

export type LogFormat = 'json' | 'pretty';

/**
 * Where a process's lines go: JSON lines on standard output (in blocks when `buffered`, for
 * the API's line per request), or short human lines for the embedded terminal.
 */
export function logOutput(format: LogFormat, buffered: boolean): DestinationStream | undefined {
  if (format === 'pretty') return humanOutput();
  return buffered ? bufferedStandardOutput() : undefined;
}

/** The level of the routine lines (one per request, one per job): hidden in the terminal. */
export const routineLevel = (format: LogFormat): 'info' | 'debug' =>
  format === 'pretty' ? 'debug' : 'info';
