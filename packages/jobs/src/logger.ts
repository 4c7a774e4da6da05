/** The slice of a structured logger (pino's shape) that runners use. */
export interface JobLogger {
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
  error(object: object, message?: string): void;
}

export const silentLogger: JobLogger = { info() {}, warn() {}, error() {} };

export function errorFields(error: unknown): { error: string; errorName?: string } {
  if (error instanceof Error) return { error: error.message, errorName: error.name };
  return { error: String(error) };
}
