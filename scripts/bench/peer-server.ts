/**
 * The peers of the HTTP benchmarks: bare `node:http` servers doing the least a route must do,
 * started as child processes like the API (spawn-api.ts `startServer`).
 *
 *   node --import tsx scripts/bench/peer-server.ts json PATH FILE
 *       GET PATH answers the JSON bytes of FILE (read once at start).
 *   node --import tsx scripts/bench/peer-server.ts select1 DATABASE_URL
 *       GET /api/health runs `select 1` through postgres.js, then answers {"status":"ok"}.
 *   node --import tsx scripts/bench/peer-server.ts battle-image DATABASE_URL DATA_DIR
 *       GET /api/battle-images/TOKEN: the voter from the cookie (unverified), the token
 *       lookup and first-fetch record of read-battle-image.ts (the same statement), then the
 *       stored file read from DATA_DIR (readFile) and sent.
 *
 * Each prints `listening on PORT` (PORT from the environment) once it accepts connections.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import postgres from 'postgres';

const [kind, ...args] = process.argv.slice(2);
const port = Number(process.env.PORT);

function notFound(res: ServerResponse) {
  res.writeHead(404, { 'content-type': 'application/json' }).end('{"code":"not_found"}');
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

function jsonHandler(path: string, file: string): Handler {
  const bytes = readFileSync(file);
  return (req, res) => {
    if (req.url !== path) return notFound(res);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': bytes.length });
    res.end(bytes);
  };
}

/** The API's pool size (packages/db openDatabase). */
const POOL = 10;

function select1Handler(url: string): Handler {
  const sql = postgres(url, { max: POOL, onnotice: () => {} });
  const ok = Buffer.from('{"status":"ok"}');
  return async (req, res) => {
    if (req.url !== '/api/health') return notFound(res);
    await sql`select 1`;
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': ok.length });
    res.end(ok);
  };
}

const VOTER = /(?:^|;\s*)arena_voter=([0-9a-f-]{36})\./;
const IMAGE = /^\/api\/battle-images\/([A-Za-z0-9_-]{16,64})$/;

function battleImageHandler(url: string, dataDir: string): Handler {
  const sql = postgres(url, { max: POOL, onnotice: () => {} });
  return async (req, res) => {
    const token = IMAGE.exec(req.url ?? '')?.[1];
    const voterId = VOTER.exec(req.headers.cookie ?? '')?.[1];
    if (!token || !voterId) return notFound(res);
    const now = new Date().toISOString();
    const [row] = await sql<{ storage_key: string }[]>`
      with hit as (
        select b.id, b.left_image_token = ${token} as is_left, b.challenge_id,
               c.aspect_ratio, c.resolution, i.storage_key,
               case when b.left_image_token = ${token} then b.left_seen_at
                    else b.right_seen_at end as seen_at
        from battles b
        join generations g on g.id = case when b.left_image_token = ${token}
                                          then b.left_generation_id else b.right_generation_id end
        join images i on i.id = g.image_id
        join challenges c on c.id = b.challenge_id
        where (b.left_image_token = ${token} or b.right_image_token = ${token})
          and b.voter_id = ${voterId}::uuid
      ), seen as (
        update battles set
          left_seen_at = case when hit.is_left
                              then coalesce(battles.left_seen_at, ${now}::timestamptz)
                              else battles.left_seen_at end,
          right_seen_at = case when hit.is_left then battles.right_seen_at
                               else coalesce(battles.right_seen_at, ${now}::timestamptz) end
        from hit
        where battles.id = hit.id and hit.seen_at is null
      )
      select id as battle_id, case when is_left then 'left' else 'right' end as side,
             challenge_id, aspect_ratio, resolution, storage_key
      from hit`;
    if (!row) return notFound(res);
    const bytes = await readFile(join(dataDir, row.storage_key));
    res.writeHead(200, {
      'content-type': 'image/webp',
      'content-length': bytes.length,
      'cache-control': 'private, max-age=86400, immutable',
    });
    res.end(bytes);
  };
}

const handler: Handler =
  kind === 'json'
    ? jsonHandler(args[0]!, args[1]!)
    : kind === 'select1'
      ? select1Handler(args[0]!)
      : kind === 'battle-image'
        ? battleImageHandler(args[0]!, args[1]!)
        : (() => {
            throw new Error(`unknown peer ${kind}`);
          })();

createServer((req, res) => {
  Promise.resolve(handler(req, res)).catch((error: unknown) => {
    console.error(error);
    if (!res.headersSent) res.writeHead(500);
    res.end();
  });
}).listen(port, '127.0.0.1', () => console.log(`listening on ${port}`));
// Exit on SIGTERM through process.exit, so that --cpu-prof, when given, writes its profile.
process.on('SIGTERM', () => process.exit(0));
