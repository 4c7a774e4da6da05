/**
 * The PGlite database on a thread of its own (worker_threads), so that Postgres' work (the
 * WASM engine, encoding and decoding the wire protocol) runs beside the process's event loop
 * instead of on it. The main thread's side is pglite-thread.ts.
 *
 * Plain JavaScript, so that a worker can run it from src/ (development and tests run the
 * sources, and Node 20 runs no TypeScript) without a loader. A build bundles it into
 * dist/index.js, which the worker then runs. Either way it does nothing unless it is the
 * database thread: `workerData.arenaPgliteThread` set.
 *
 * Messages in: { id, op: 'query', sql, params, rowMode, textTypes, tx? } | { id, op: 'exec',
 * sql, tx? } | { id, op: 'begin' } | { id, op: 'end', tx, commit } | { id, op: 'close' }.
 * Messages out: { id, ok: true, value } | { id, ok: false, error }, and { ready } once open.
 *
 * A transaction is PGlite's own `transaction()`, held open until the main thread ends it:
 * PGlite then runs nothing else until it commits or rolls back, so another caller's
 * statements cannot interleave with it, and its statements run in the order they were sent.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { preparedStatements } from './pglite-statements.js';

/** Transactions open on the main thread's behalf, by id. */
const transactions = new Map();
/** The promise of each open transaction's outcome, for `end` to wait on. */
const pending = new Map();
let nextTransaction = 1;

/** Fields of a Postgres error worth carrying across (SQLSTATE first: callers branch on it). */
const ERROR_FIELDS = [
  'code',
  'severity',
  'detail',
  'hint',
  'position',
  'internalPosition',
  'internalQuery',
  'where',
  'schema',
  'table',
  'column',
  'dataType',
  'constraint',
  'file',
  'line',
  'routine',
];

function errorOf(error) {
  const out = {
    name: error?.name ?? 'Error',
    message: error?.message ?? String(error),
    stack: error?.stack,
  };
  for (const field of ERROR_FIELDS) {
    if (error && error[field] !== undefined) out[field] = error[field];
  }
  return out;
}

/** Types the caller wants as the text Postgres sent (drizzle parses dates itself). */
const asText = (value) => value;
function parsersFor(textTypes) {
  if (!textTypes || textTypes.length === 0) return undefined;
  return Object.fromEntries(textTypes.map((oid) => [oid, asText]));
}

function target(tx) {
  if (tx === undefined) return db;
  const open = transactions.get(tx);
  if (!open) throw new Error('Transaction is closed');
  return open.client;
}

async function begin() {
  const id = nextTransaction++;
  return new Promise((started, failed) => {
    const settled = db
      .transaction(
        (client) =>
          new Promise((commit, rollback) => {
            transactions.set(id, { client, commit, rollback });
            started(id);
          }),
      )
      .finally(() => transactions.delete(id));
    // BEGIN itself failing leaves no transaction to end.
    settled.catch((error) => failed(error));
    pending.set(id, settled);
  });
}

async function end(tx, commit) {
  const open = transactions.get(tx);
  const settled = pending.get(tx);
  pending.delete(tx);
  if (!open || !settled) throw new Error('Transaction is closed');
  if (commit) open.commit(undefined);
  else open.rollback(new RolledBack());
  try {
    await settled;
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
  }
}

class RolledBack extends Error {}

async function handle(message) {
  switch (message.op) {
    case 'query': {
      if (message.tx !== undefined) target(message.tx); // refuses a closed transaction
      const result = await query(
        message.sql,
        message.params,
        { rowMode: message.rowMode, parsers: parsersFor(message.textTypes) },
        message.tx !== undefined,
      );
      return { rows: result.rows, fields: result.fields, affectedRows: result.affectedRows };
    }
    case 'exec':
      return (await target(message.tx).exec(message.sql)).map((result) => ({
        rows: result.rows,
        fields: result.fields,
        affectedRows: result.affectedRows,
      }));
    case 'begin':
      return begin();
    case 'end':
      return end(message.tx, message.commit);
    case 'close':
      await db.close();
      return undefined;
    default:
      throw new Error(`unknown operation ${message.op}`);
  }
}

let db;
/** Runs a statement, prepared once per SQL text (pglite-statements.js). */
let query;

async function serve(port, dataDir) {
  try {
    db = await PGlite.create(dataDir);
  } catch (error) {
    port.postMessage({ ready: false, error: errorOf(error) });
    return;
  }
  query = preparedStatements(db);
  port.on('message', (message) => {
    handle(message).then(
      (value) => port.postMessage({ id: message.id, ok: true, value }),
      (error) => port.postMessage({ id: message.id, ok: false, error: errorOf(error) }),
    );
  });
  port.postMessage({ ready: true });
}

if (!isMainThread && parentPort && workerData?.arenaPgliteThread) {
  void serve(parentPort, workerData.dataDir);
}
