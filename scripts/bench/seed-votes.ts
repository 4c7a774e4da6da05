import type { Database } from '@arena/db';
import { sql } from 'drizzle-orm';

export interface BenchArena {
  models: number;
  votes: number;
  categories: number;
  challengesPerCategory: number;
}

const VOTERS = 1_000;
/** Strength gap between neighbouring models, natural-log units: 4 nats (~700 Elo) end to end at 50. */
const SPREAD = 4;

/**
 * A text-to-image arena with synthetic counted votes, written by Postgres itself
 * (INSERT ... SELECT over generate_series): a million rows in seconds, nothing through the
 * network one by one. Pairs are uniform, outcomes follow Bradley-Terry strengths evenly spread
 * over the models, with 10% ties and 5% both-bad. Votes carry real model, category,
 * challenge, generation and voter ids; battles are not materialised (the leaderboard never
 * reads them), so foreign-key triggers are off for the insert (session_replication_role).
 */
export async function seedVotes(db: Database, arena: BenchArena): Promise<void> {
  const { models: p, votes: n, categories: k, challengesPerCategory: perCategory } = arena;
  const step = SPREAD / (p - 1);
  await db.execute(sql`
    insert into models (slug, name, creator, arenas)
    select 'bench-model-' || lpad(i::text, 3, '0'), 'Bench model ' || i, 'Bench', array['text-to-image']
    from generate_series(1, ${p}) i`);
  await db.execute(sql`
    insert into categories (slug, name, arena)
    select 'bench-category-' || i, 'Bench category ' || i, 'text-to-image'
    from generate_series(1, ${k}) i`);
  await db.execute(sql`
    insert into challenges (slug, title, arena, category_id, prompt, status, opened_at)
    select c.slug || '-challenge-' || j, 'Bench challenge', 'text-to-image', c.id, 'A prompt.', 'voting', now()
    from categories c, generate_series(1, ${perCategory}) j`);
  await db.execute(sql`
    insert into generations (challenge_id, model_id, attempt, status, seed, size_requested)
    select ch.id, m.id, 1, 'succeeded', 0, '1024x1024' from challenges ch, models m`);
  await db.execute(sql`insert into voters (flags) select '{}' from generate_series(1, ${VOTERS})`);
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql`select setseed(0.42)`);
    await tx.execute(sql`
      with
        mm as (select array_agg(id order by slug) ids from models),
        cc as (select array_agg(id order by slug) ids, array_agg(category_id order by slug) cats from challenges),
        gg as (
          select array_agg(g.id order by ch.slug, m.slug) ids
          from generations g join challenges ch on ch.id = g.challenge_id join models m on m.id = g.model_id
        ),
        vv as (select array_agg(id) ids from voters),
        draws as (
          select g, floor(random() * ${p})::int l, floor(random() * (${p} - 1))::int d,
            floor(random() * ${k * perCategory})::int c, random() u, random() w
          from generate_series(1, ${n}) g
        ),
        pairs as (select g, l, (l + 1 + d) % ${p} r, c, u, w from draws)
      insert into votes (battle_id, voter_id, arena, challenge_id, category_id, left_model_id,
        right_model_id, left_generation_id, right_generation_id, outcome, decision_ms, counted, created_at)
      select gen_random_uuid(), vv.ids[1 + g % ${VOTERS}], 'text-to-image', cc.ids[c + 1], cc.cats[c + 1],
        mm.ids[l + 1], mm.ids[r + 1], gg.ids[c * ${p} + l + 1], gg.ids[c * ${p} + r + 1],
        case
          when u < 0.10 then 'tie'
          when u < 0.15 then 'both_bad'
          when w < 1 / (1 + exp((r - l) * ${step}::float8)) then 'left'
          else 'right'
        end,
        2000, true, now() - make_interval(secs => g / 1000.0)
      from pairs, mm, cc, gg, vv`);
  });
  // What autovacuum does to a table that grows by inserts (see migration 0003): statistics,
  // and the visibility map that lets the job's index-only scan skip the table.
  await db.execute(sql`vacuum analyze votes`);
}
