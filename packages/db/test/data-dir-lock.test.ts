import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataFolderLockedError, lockDataFolder } from '../src/data-dir-lock';

/** One process per PGlite folder (data-dir-lock.ts): held, refused, released, taken over. */
describe('the PGlite folder lock', () => {
  let dir: string;
  let folder: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'arena-lock-'));
    folder = join(dir, 'pglite');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const lockFile = () => `${folder}.lock`;
  const fakeHolder = (fields: Record<string, unknown>) =>
    writeFileSync(
      lockFile(),
      JSON.stringify({
        pid: process.pid,
        host: hostname(),
        startTicks: null,
        command: 'node apps/api/dist/main.js',
        since: '2026-01-01T00:00:00.000Z',
        ...fields,
      }),
    );

  it('names its holder, refuses a second holder while held, and is free again once released', () => {
    const release = lockDataFolder(folder);
    expect(JSON.parse(readFileSync(lockFile(), 'utf8'))).toMatchObject({ pid: process.pid });
    expect(() => lockDataFolder(folder)).toThrow(DataFolderLockedError);
    release();
    expect(existsSync(lockFile())).toBe(false);
    lockDataFolder(folder)();
  });

  it('refuses with the holding process named, and what to do', async () => {
    // A live process that is not this one: the parent of the test worker.
    fakeHolder({ pid: process.ppid });
    const refusal = (() => {
      try {
        lockDataFolder(folder);
      } catch (error) {
        return error as Error;
      }
    })();
    expect(refusal).toBeInstanceOf(DataFolderLockedError);
    expect(refusal!.message).toContain(`in use by process ${process.ppid}`);
    expect(refusal!.message).toMatch(/stop the Arena server/);
    // The refused attempt leaves the holder's lock as it was, and no draft behind.
    expect(JSON.parse(readFileSync(lockFile(), 'utf8')).pid).toBe(process.ppid);
    expect((await readdir(dir)).sort()).toEqual(['pglite.lock']);
  });

  it('takes over the lock of a process that is gone, or of a pid since reused', () => {
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    fakeHolder({ pid: gone });
    lockDataFolder(folder)();
    // This process's pid, but a start time that is not this process's: another process's lock.
    fakeHolder({ startTicks: 1 });
    const release = lockDataFolder(folder);
    expect(JSON.parse(readFileSync(lockFile(), 'utf8')).since).not.toBe('2026-01-01T00:00:00.000Z');
    release();
  });

  it('never takes the lock of another machine sharing the folder', () => {
    fakeHolder({ pid: 999_999, host: 'another-machine' });
    expect(() => lockDataFolder(folder)).toThrow(/in use by process 999999/);
  });
});
