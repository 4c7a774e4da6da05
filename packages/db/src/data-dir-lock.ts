import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * PGlite is one process's database: a second process opening the same folder (the CLI while
 * `pnpm start` runs) would write into a copy the first never sees, or corrupt it. So the
 * process that opens a PGlite folder holds `<folder>.lock`, naming its pid, until it closes
 * the database or exits; another process finds the lock and is refused before it opens
 * anything. A lock whose process is gone (killed, crashed) is stale and taken over.
 */

export interface LockHolder {
  pid: number;
  host: string;
  /** The holder's start time in clock ticks (Linux), to tell a reused pid from the holder. */
  startTicks: number | null;
  /** What the holder runs (`node apps/api/dist/main.js`), for the refusal's message. */
  command: string;
  since: string;
}

export class DataFolderLockedError extends Error {
  override name = 'DataFolderLockedError';
  constructor(
    readonly folder: string,
    readonly holder: LockHolder,
  ) {
    super(
      `the data folder ${folder} is in use by process ${holder.pid} (${holder.command}, since ` +
        `${holder.since}). PGlite lets one process at a time open it: stop the Arena server ` +
        '(Ctrl-C in its terminal) and run this command again, or use Postgres (DATABASE_URL), ' +
        'which the CLI and the server can share.',
    );
  }
}

/** Takes the lock of a PGlite folder; returns its release (idempotent). */
export function lockDataFolder(folder: string): () => void {
  const lockPath = `${folder}.lock`;
  const mine: LockHolder = {
    pid: process.pid,
    host: hostname(),
    startTicks: startTicksOf(process.pid),
    command: process.argv
      .slice(1)
      .map((arg) => arg.replace(/^.*\/(apps|packages|scripts)\//, '$1/'))
      .join(' ')
      .slice(0, 200),
    since: new Date().toISOString(),
  };
  // Written whole to a file of our own, then linked into place: link fails if the lock exists,
  // so two processes never both take it, and a reader never sees a half-written lock.
  const draft = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, JSON.stringify(mine));
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(draft, lockPath);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw error;
      }
      const holder = readHolder(lockPath);
      if (holder && isAlive(holder)) throw new DataFolderLockedError(folder, holder);
      // Stale (its process is gone) or unreadable: remove it and try again.
      removeQuietly(lockPath);
    }
  } finally {
    removeQuietly(draft);
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    // Only our own lock: never one another process took over after ours was judged stale.
    if (readHolder(lockPath)?.pid === process.pid) removeQuietly(lockPath);
  };
  // A process that exits without closing the database still releases it.
  process.on('exit', release);
  return release;
}

function readHolder(lockPath: string): LockHolder | undefined {
  try {
    return JSON.parse(readFileSync(lockPath, 'utf8')) as LockHolder;
  } catch {
    return undefined;
  }
}

function isAlive(holder: LockHolder): boolean {
  // Another machine sharing the folder: its processes cannot be checked from here.
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // The pid is taken; by the holder, unless it was reused by a process started since.
  const ticks = startTicksOf(holder.pid);
  return holder.startTicks === null || ticks === null || ticks === holder.startTicks;
}

/** Field 22 of /proc/PID/stat (after the command in parentheses); null off Linux. */
function startTicksOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    return Number.isFinite(ticks) ? ticks : null;
  } catch {
    return null;
  }
}

function removeQuietly(path: string) {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}
