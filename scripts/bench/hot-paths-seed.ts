/** What the hot paths' benchmark writes before it measures. */
import type { Database } from '@arena/db';
import { sql } from 'drizzle-orm';

/** Every (challenge, left, right) answer pair of the open challenges, numbered from 1. */
export async function numberPairs(db: Database) {
  await db.execute(sql`
    create table bench_pairs as
    select row_number() over () as n, l.challenge_id, c.category_id, l.id as lgen, r.id as rgen
    from generations l
    join generations r on r.challenge_id = l.challenge_id and r.model_id <> l.model_id
    join challenges c on c.id = l.challenge_id
    where l.attempt = 1 and r.attempt = 1`);
  await db.execute(sql`create unique index on bench_pairs (n)`);
  const [row] = (await db.execute(sql`select count(*)::int as n from bench_pairs`)) as unknown as {
    n: number;
  }[];
  return row!.n;
}

/** `count` battles per voter, viewed a minute ago and open; returns their ids per voter. */
export async function viewedBattles(
  db: Database,
  voterIds: string[],
  count: number,
  pairs: number,
) {
  const rows = (await db.execute(sql`
    insert into battles (arena, challenge_id, category_id, left_generation_id, right_generation_id,
                         left_image_token, right_image_token, voter_id, issued_at, expires_at,
                         left_seen_at, right_seen_at)
    select 'text-to-image', p.challenge_id, p.category_id, p.lgen, p.rgen,
           md5(random()::text || i), md5(random()::text || i || 'r'), v.id,
           now() - interval '1 minute', now() + interval '1 day',
           now() - interval '1 minute', now() - interval '1 minute'
    from generate_series(0, ${count * voterIds.length - 1}) i
    join unnest(${`{${voterIds.join(',')}}`}::uuid[]) with ordinality v(id, k)
      on v.k = i % ${voterIds.length} + 1
    join bench_pairs p on p.n = i % ${pairs} + 1
    returning id, voter_id`)) as unknown as { id: string; voter_id: string }[];
  const byVoter = new Map<string, string[]>(voterIds.map((id) => [id, []]));
  for (const row of rows) byVoter.get(row.voter_id)!.push(row.id);
  return byVoter;
}
