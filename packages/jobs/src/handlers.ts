import { JOB_NAMES, type JobName } from './names';
import type { JobHandlers } from './port';

/** A runner refuses to start unless every job has exactly one handler. */
export function assertCompleteHandlers(handlers: JobHandlers): void {
  const missing = JOB_NAMES.filter((name) => typeof handlers[name] !== 'function');
  const unknown = Object.keys(handlers).filter((name) => !JOB_NAMES.includes(name as JobName));
  if (missing.length || unknown.length) {
    throw new Error(
      `job handlers do not match the job list (missing: ${missing.join(', ') || 'none'}; unknown: ${unknown.join(', ') || 'none'})`,
    );
  }
}
