import { Worker } from 'node:worker_threads';
// The database thread's code: bundled into dist/index.js, inert unless it is that thread.
import './pglite-worker.js';

/**
 * The main thread's side of a PGlite database run on a worker thread (pglite-worker.js): the
 * part of PGlite's client that drizzle's PGlite driver uses (`query`, `exec`, `transaction`),
 * each call a message to the worker and its answer back.
 *
 * A transaction's statements carry its id, and the worker runs them inside PGlite's own
 * transaction, which keeps every other statement out until it ends; nested transactions are
 * drizzle's savepoints on the same id. Query options cross as data: the row mode, and the
 * types whose `parsers` are to keep Postgres' text (drizzle's, which are all the identity).
 */

interface QueryOptions {
  rowMode?: 'array' | 'object';
  parsers?: Record<number, (value: string, typeId: number) => unknown>;
}

export interface Results<T = Record<string, unknown>> {
  rows: T[];
  fields: { name: string; dataTypeID: number }[];
  affectedRows?: number;
}

/** What drizzle's PGlite session calls, inside a transaction or outside one. */
export interface PgliteQueryable {
  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  exec(sql: string): Promise<Results[]>;
}

export interface PgliteTransaction extends PgliteQueryable {
  readonly closed: boolean;
  rollback(): Promise<void>;
}

export interface PgliteThread extends PgliteQueryable {
  transaction<T>(callback: (tx: PgliteTransaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

type Message =
  | { op: 'query'; sql: string; params: unknown[]; rowMode?: string; textTypes?: number[] }
  | { op: 'exec'; sql: string }
  | { op: 'begin' }
  | { op: 'end'; tx: number; commit: boolean }
  | { op: 'close' };

interface WireError {
  name: string;
  message: string;
  stack?: string;
  [field: string]: unknown;
}

/** A Postgres error from the worker, with its SQLSTATE (`code`) and other fields. */
export class PgliteWorkerError extends Error {
  code?: string;

  constructor(wire: WireError) {
    super(wire.message);
    const { name: _name, message: _message, stack, ...fields } = wire;
    Object.assign(this, fields);
    this.name = wire.name === 'Error' ? 'PgliteWorkerError' : wire.name;
    if (stack) this.stack = `${this.name}: ${wire.message}\n    (on the database thread)\n${stack}`;
  }
}

/**
 * What the database thread runs: the worker's file itself when running from the sources, and
 * this bundle (dist/index.js, which holds it) when built.
 */
const WORKER = import.meta.url.endsWith('.ts')
  ? new URL('./pglite-worker.js', import.meta.url)
  : new URL(import.meta.url);

/** Opens (creating when empty) the database in `dataDir` on a new worker thread. */
export async function openPgliteThread(dataDir: string): Promise<PgliteThread> {
  const worker = new Worker(WORKER, { workerData: { arenaPgliteThread: true, dataDir } });
  const calls = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 1;
  let exited: Error | undefined;

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    worker.once('error', onError);
    worker.once('message', (message: { ready: boolean; error?: WireError }) => {
      worker.off('error', onError);
      if (message.ready) resolve();
      else reject(new PgliteWorkerError(message.error!));
    });
  });

  // The thread keeps the process alive only while a call waits on it (as a socket would).
  worker.unref();
  const settle = (id: number) => {
    const call = calls.get(id);
    calls.delete(id);
    if (calls.size === 0) worker.unref();
    return call;
  };
  worker.on(
    'message',
    (message: { id: number; ok: boolean; value?: unknown; error?: WireError }) => {
      const call = settle(message.id);
      if (message.ok) call?.resolve(message.value);
      else call?.reject(new PgliteWorkerError(message.error!));
    },
  );
  const fail = (error: Error) => {
    exited ??= error;
    for (const id of [...calls.keys()]) settle(id)?.reject(error);
  };
  worker.on('error', (error) => fail(error));
  worker.on('exit', (code) => fail(new Error(`the database thread exited (code ${code})`)));

  function call<T>(message: Message & { tx?: number }): Promise<T> {
    if (exited) return Promise.reject(exited);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      if (calls.size === 0) worker.ref();
      calls.set(id, { resolve: resolve as (value: unknown) => void, reject });
      try {
        worker.postMessage({ ...message, id });
      } catch (error) {
        // A parameter that cannot be cloned to the thread (a function, say).
        settle(id);
        reject(error as Error);
      }
    });
  }

  const queryable = (tx?: number): PgliteQueryable => ({
    query: <T>(sql: string, params: unknown[] = [], options: QueryOptions = {}) =>
      call<Results<T>>({
        op: 'query',
        sql,
        params,
        rowMode: options.rowMode,
        textTypes: options.parsers ? Object.keys(options.parsers).map(Number) : undefined,
        tx,
      }),
    exec: (sql: string) => call<Results[]>({ op: 'exec', sql, tx }),
  });

  return {
    ...queryable(),
    async transaction<T>(callback: (tx: PgliteTransaction) => Promise<T>): Promise<T> {
      const id = await call<number>({ op: 'begin' });
      let closed = false;
      const end = (commit: boolean) => {
        closed = true;
        return call<void>({ op: 'end', tx: id, commit });
      };
      const tx: PgliteTransaction = {
        ...queryable(id),
        get closed() {
          return closed;
        },
        rollback: () => end(false),
      };
      let result: T;
      try {
        result = await callback(tx);
      } catch (error) {
        if (!closed) await end(false).catch(() => undefined);
        throw error;
      }
      if (!closed) await end(true);
      return result;
    },
    async close() {
      if (!exited) await call<void>({ op: 'close' });
      await worker.terminate();
    },
  };
}
