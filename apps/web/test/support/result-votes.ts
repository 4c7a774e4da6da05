import { expect } from 'vitest';
import { sleep } from './embedded-arena';

export type ArenaName = 'text-to-image' | 'image-editing';

/**
 * Votes as one anonymous voter through the public API (in one category, if given), waiting for
 * the first challenges to open. The demo provider fails some calls on purpose and generation
 * retries with backoff, so a category's first challenge can take minutes to open on a busy
 * machine.
 */
export async function voteAsOneVoter(
  baseUrl: string,
  count: number,
  scope: { arena?: ArenaName; category?: string } = {},
): Promise<void> {
  const { arena = 'text-to-image', category } = scope;
  let cookie = '';
  const outcomes = ['left', 'right', 'tie', 'left', 'both_bad', 'right'];
  const deadline = Date.now() + 180_000;
  for (let cast = 0; cast < count;) {
    const battle = await fetch(`${baseUrl}/api/battles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify(category ? { arena, category } : { arena }),
    });
    cookie = battle.headers.get('set-cookie')?.split(';')[0] ?? cookie;
    if (battle.status === 404 && Date.now() < deadline) {
      await sleep(250); // no challenge open yet: the demo provider is still generating
      continue;
    }
    expect(battle.status).toBe(201);
    const { id, left, right } = (await battle.json()) as {
      id: string;
      left: { imageUrl: string };
      right: { imageUrl: string };
    };
    // A vote counts only from a voter who fetched both images.
    for (const side of [left, right]) {
      expect((await fetch(`${baseUrl}${side.imageUrl}`, { headers: { cookie } })).status).toBe(200);
    }
    const result = await fetch(`${baseUrl}/api/battles/${id}/vote`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ outcome: outcomes[cast % outcomes.length] }),
    });
    expect(result.status).toBe(200);
    cast += 1;
  }
}

export interface ListedChallenge {
  id: string;
  slug: string;
  status: string;
  arena: ArenaName;
  category: { slug: string };
}

export async function listedChallenges(baseUrl: string): Promise<ListedChallenge[]> {
  const body = (await (await fetch(`${baseUrl}/api/challenges`)).json()) as {
    challenges: ListedChallenge[];
  };
  return body.challenges;
}

/** Closes challenges as an operator would: their results are published. */
export async function closeChallenges(
  baseUrl: string,
  token: string,
  challenges: readonly ListedChallenge[],
): Promise<void> {
  for (const challenge of challenges) {
    const closed = await fetch(`${baseUrl}/api/admin/challenges/${challenge.id}/close`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(closed.status).toBe(200);
  }
}

/** Waits for the published leaderboard of an arena to count the votes cast (debounced). */
export async function awaitPublishedVotes(
  baseUrl: string,
  arena: ArenaName,
  votes: number,
): Promise<void> {
  // A plain loop rather than expect.poll, so that it also serves in beforeAll.
  const deadline = Date.now() + 30_000;
  let published = 0;
  while (Date.now() < deadline) {
    const board = await (await fetch(`${baseUrl}/api/leaderboards/${arena}`)).json();
    published = board.snapshot?.votes ?? 0;
    if (published === votes) return;
    await sleep(250);
  }
  expect(published, `votes on the published ${arena} leaderboard`).toBe(votes);
}

export interface ResultRow {
  model: { slug: string; name: string };
  rating: number;
  games: number;
}

/** The rows of a closed challenge's published leaderboard. */
export async function challengeRows(baseUrl: string, slug: string): Promise<ResultRow[]> {
  const body = await (await fetch(`${baseUrl}/api/challenges/${slug}/leaderboard`)).json();
  return (body.rows ?? []) as ResultRow[];
}

/** How many models on an arena's leaderboard have votes. */
export async function ratedModelCount(baseUrl: string, arena: ArenaName): Promise<number> {
  const board = (await (await fetch(`${baseUrl}/api/leaderboards/${arena}`)).json()) as {
    rows: ResultRow[];
  };
  return board.rows.filter((row) => row.games > 0).length;
}
