/**
 * PGlite queries through prepared statements: each SQL text is parsed and described once (a
 * named statement), then every call is one round trip into Postgres (bind, describe the
 * portal, execute, sync). PGlite's own `query()` parses, plans and describes every call, in
 * six round trips; on the arena's statements this costs a third to a sixth of that. As for
 * any prepared statement, Postgres may plan a statement once for all parameters after its
 * fifth run, when that plan costs about as much as planning each call (plan_cache_mode auto).
 * Part of the database thread (pglite-worker.js); plain JavaScript for the same reason.
 */
import { parse as results, protocol } from '@electric-sql/pglite';

const { serialize } = protocol;

/** Statements kept prepared; the least recently used is closed beyond this. */
const MAX_STATEMENTS = 500;

/** SQLSTATEs after which a statement is prepared again: its cached plan no longer fits. */
const STALE = new Set(['0A000', '26000']);

function concat(parts) {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * `query(sql, params, options, inTransaction)`, with PGlite's own locking: outside a
 * transaction a statement waits for any open transaction to end (as `PGlite.query` does);
 * inside one, the caller holds the transaction and the statement only takes the query lock.
 */
export function preparedStatements(db) {
  const statements = new Map();
  /** Statements evicted from the cache, closed with the next message. */
  let closing = [];
  let nextName = 1;

  async function prepare(sql) {
    const name = `arena_${nextName++}`;
    const message = concat([
      ...closing,
      serialize.parse({ name, text: sql }),
      serialize.describe({ type: 'S', name }),
      serialize.sync(),
    ]);
    closing = []; // sent, whatever the answer: closing a statement never fails
    const { messages } = await db.execProtocol(message, { syncToFs: false });
    const statement = { name, types: results.parseDescribeStatementResults(messages) };
    statements.set(sql, statement);
    for (const [oldest, evicted] of statements) {
      if (statements.size <= MAX_STATEMENTS) break;
      statements.delete(oldest);
      closing.push(serialize.close({ type: 'S', name: evicted.name }));
    }
    return statement;
  }

  async function execute(sql, params, options) {
    let statement = statements.get(sql);
    if (statement) {
      statements.delete(sql);
      statements.set(sql, statement);
    } else {
      statement = await prepare(sql);
    }
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serializer = db.serializers[statement.types[i]];
      return serializer ? serializer(value) : value.toString();
    });
    const message = concat([
      ...closing,
      serialize.bind({ statement: statement.name, values }),
      serialize.describe({ type: 'P' }),
      serialize.execute({}),
      serialize.sync(),
    ]);
    closing = [];
    try {
      const { messages } = await db.execProtocol(message, { syncToFs: false });
      return results.parseResults(messages, db.parsers, options)[0];
    } catch (error) {
      if (STALE.has(error?.code) && statements.get(sql) === statement) {
        statements.delete(sql);
        closing.push(serialize.close({ type: 'S', name: statement.name }));
      }
      throw error;
    }
  }

  return async function query(sql, params, options, inTransaction) {
    if (inTransaction) return db._runExclusiveQuery(() => execute(sql, params, options));
    return db._runExclusiveTransaction(() =>
      db._runExclusiveQuery(async () => {
        let result;
        try {
          result = await execute(sql, params, options);
        } catch (error) {
          // Outside a transaction a statement whose plan went stale can simply run again.
          if (!STALE.has(error?.code)) throw error;
          result = await execute(sql, params, options);
        }
        await db.syncToFs();
        return result;
      }),
    );
  };
}
