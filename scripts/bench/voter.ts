/**
 * One simulated voter, as the web app's vote page drives the API: POST /api/battles, both
 * images at once (and the edit's source image, once: a browser caches it), a look of a few
 * seconds, then the vote. Its own cookie jar (the signed voter cookie), its own connections
 * and its own client address (X-Forwarded-For, believed from the trusted loopback proxy).
 */
import { browserAgent, send, type Reply, type RequestSpec, type Tally } from './http-client';

export interface VoterOptions {
  index: number;
  port: number;
  arena: 'text-to-image' | 'image-editing';
  /** When the voter stops asking for new battles (a battle under way is voted on). */
  deadline: number;
  timeoutMs: number;
  /** Look at the images for a uniform random time in this range before voting. */
  thinkMs: [number, number];
  tally: Tally;
  /** Battle ids whose vote was acknowledged (a 2xx answer). */
  acknowledged: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const OUTCOMES = ['left', 'left', 'left', 'right', 'right', 'right', 'tie', 'both_bad'] as const;

/** An address of TEST-NET-2/3 (RFC 5737, never routed), one per voter. */
export const voterAddress = (index: number) =>
  `${index < 254 ? '198.51.100' : '203.0.113'}.${(index % 254) + 1}`;

/** A refusal's Retry-After, but never past the end of the run. */
const retryAfterMs = (reply: Reply, deadline: number) =>
  Math.min(Number(reply.headers['retry-after'] ?? 1) * 1000, Math.max(0, deadline - Date.now()));

export async function runVoter(options: VoterOptions): Promise<void> {
  const { port, tally, timeoutMs } = options;
  const agent = browserAgent();
  let cookie: string | undefined;
  const sourcesSeen = new Set<string>();
  const call = async (route: string, spec: RequestSpec) => {
    const headers: Record<string, string> = {
      'x-forwarded-for': voterAddress(options.index),
      'user-agent': 'arena-bench-voter',
      accept: spec.method === 'GET' ? 'image/avif,image/webp,*/*' : 'application/json',
      ...spec.headers,
    };
    if (spec.method === 'POST') headers.origin = `http://127.0.0.1:${port}`;
    if (cookie) headers.cookie = cookie;
    const reply = await send(port, agent, { ...spec, headers }, timeoutMs);
    tally.record(route, reply);
    const set = reply.headers['set-cookie']?.find((c) => c.startsWith('arena_voter='));
    if (set) cookie = set.split(';')[0];
    return reply;
  };
  try {
    while (Date.now() < options.deadline) {
      const issued = await call('POST /api/battles', {
        method: 'POST',
        path: '/api/battles',
        json: { arena: options.arena },
      });
      if (issued.status !== 201) {
        // The page retries after a pause; a refusal with Retry-After is honoured.
        await sleep(issued.status === 429 ? retryAfterMs(issued, options.deadline) : 1_000);
        continue;
      }
      const battle = JSON.parse(issued.body.toString()) as {
        id: string;
        minViewMs: number;
        left: { imageUrl: string };
        right: { imageUrl: string };
        challenge: { sourceImageUrl: string | null };
      };
      const source = battle.challenge.sourceImageUrl;
      const fetches = [
        call('GET battle image', { method: 'GET', path: battle.left.imageUrl }),
        call('GET battle image', { method: 'GET', path: battle.right.imageUrl }),
      ];
      if (source && !sourcesSeen.has(source)) {
        sourcesSeen.add(source);
        fetches.push(call('GET source image', { method: 'GET', path: source }));
      }
      const images = await Promise.all(fetches);
      if (images.some((image) => image.status !== 200)) {
        await sleep(1_000);
        continue;
      }
      const [low, high] = options.thinkMs;
      await sleep(Math.max(battle.minViewMs + 100, low + Math.random() * (high - low)));
      const outcome = OUTCOMES[Math.floor(Math.random() * OUTCOMES.length)]!;
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const voted = await call('POST /api/battles/:id/vote', {
          method: 'POST',
          path: `/api/battles/${battle.id}/vote`,
          json: { outcome },
        });
        if (typeof voted.status === 'number' && voted.status >= 200 && voted.status < 300) {
          options.acknowledged.push(battle.id);
        }
        // Only a limit's refusal is worth sending again, after the wait it asks for.
        if (voted.status !== 429) break;
        await sleep(retryAfterMs(voted, options.deadline));
      }
    }
  } finally {
    agent.destroy();
  }
}
