import { createHash } from 'node:crypto';
import type { Battle, VoteResult } from '@arena/contract';
import { expect } from 'vitest';
import type { TestClient } from './client';
import { dHash, hammingDistance } from './perceptual-hash';

/** What the attacker can read off a served image before voting. */
export interface ImageKeys {
  sha256: string;
  length: number;
  dHash: bigint;
}

/** The ways to recognise an image: by what it was served as, or only by its challenge. */
export const RECOGNISERS = ['sha256', 'length', 'dHash', 'challengeOnly'] as const;
export type Recogniser = (typeof RECOGNISERS)[number];

/** The recognisers that look a key up exactly (dHash matches by distance instead). */
const EXACT = ['sha256', 'length', 'challengeOnly'] as const;

function exactKey(recogniser: Recogniser, challenge: string, keys: ImageKeys): string {
  if (recogniser === 'sha256') return `sha256:${keys.sha256}`;
  if (recogniser === 'length') return `length:${challenge}:${keys.length}`;
  return `challenge:${challenge}`;
}

function mostSeen(counts: Map<string, number>): string | undefined {
  let best: string | undefined;
  let bestCount = 0;
  for (const [model, n] of counts) {
    if (n > bestCount || (n === bestCount && best !== undefined && model < best)) {
      best = model;
      bestCount = n;
    }
  }
  return best;
}

/**
 * The memory of an attacker who notes, after every reveal, which model was behind each image.
 * Exact keys (hash, length, challenge) are looked up; perceptual hashes match the nearest
 * remembered one within `maxDistance` bits.
 */
export class RevealMemory {
  private readonly exact = new Map<string, Map<string, number>>();
  private readonly perceptual: Array<{ hash: bigint; challenge: string; model: string }> = [];

  constructor(private readonly maxDistance = 10) {}

  remember(challenge: string, keys: ImageKeys, model: string) {
    for (const recogniser of EXACT) {
      const key = exactKey(recogniser, challenge, keys);
      let counts = this.exact.get(key);
      if (!counts) this.exact.set(key, (counts = new Map()));
      counts.set(model, (counts.get(model) ?? 0) + 1);
    }
    this.perceptual.push({ hash: keys.dHash, challenge, model });
  }

  /** The attacker's guess of the model behind an image, or undefined when nothing matches. */
  guess(recogniser: Recogniser, challenge: string, keys: ImageKeys): string | undefined {
    if (recogniser === 'dHash') return this.nearest(challenge, keys.dHash);
    const counts = this.exact.get(exactKey(recogniser, challenge, keys));
    return counts ? mostSeen(counts) : undefined;
  }

  private nearest(challenge: string, hash: bigint): string | undefined {
    let best = this.maxDistance + 1;
    const counts = new Map<string, number>();
    for (const seen of this.perceptual) {
      if (seen.challenge !== challenge) continue;
      const distance = hammingDistance(seen.hash, hash);
      if (distance < best) {
        best = distance;
        counts.clear();
      }
      if (distance === best) counts.set(seen.model, (counts.get(seen.model) ?? 0) + 1);
    }
    return mostSeen(counts);
  }
}

export interface RecognitionScore {
  battles: number;
  /** Sides whose model the recogniser named correctly, of 2 x battles. */
  sidesRight: number;
  /** Sides it named wrongly (a guess was made and was wrong). */
  sidesWrong: number;
  /** Battles with at least one side, and with both sides, named correctly. */
  oneSide: number;
  bothSides: number;
}

export async function imageKeys(voter: TestClient, url: string): Promise<ImageKeys> {
  const response = await voter.get<Buffer>(url);
  expect(response.status, url).toBe(200);
  const bytes = response.body;
  // In-process requests carry no Content-Length; over a socket it equals the body's length.
  const declared = response.headers.get('content-length');
  if (declared !== null) expect(Number(declared)).toBe(bytes.length);
  return {
    sha256: createHash('sha256').update(bytes).digest('hex'),
    length: bytes.length,
    dHash: await dHash(bytes),
  };
}

/**
 * A scripted voter that plays `battles` battles, votes for the left side, and after each reveal
 * remembers every image under each key; from battle `warmUp` on, it scores each recogniser's
 * guesses made before the vote. Returns the scores and every served image's sha256.
 */
export async function playRecognisingVoter(
  voter: TestClient,
  options: { battles: number; warmUp: number; arena: string },
): Promise<{ scores: Record<Recogniser, RecognitionScore>; hashes: string[] }> {
  const memory = new RevealMemory();
  const empty = (): RecognitionScore => ({
    battles: 0,
    sidesRight: 0,
    sidesWrong: 0,
    oneSide: 0,
    bothSides: 0,
  });
  const scores = Object.fromEntries(RECOGNISERS.map((r) => [r, empty()])) as Record<
    Recogniser,
    RecognitionScore
  >;
  const hashes: string[] = [];
  for (let i = 0; i < options.battles; i += 1) {
    const issued = await voter.post<Battle>('/api/battles', { arena: options.arena });
    expect(issued.status).toBe(201);
    const battle = issued.body;
    const challenge = battle.challenge.title;
    const sides = [
      await imageKeys(voter, battle.left.imageUrl),
      await imageKeys(voter, battle.right.imageUrl),
    ];
    hashes.push(...sides.map((side) => side.sha256));
    const guesses = RECOGNISERS.map((r) => sides.map((keys) => memory.guess(r, challenge, keys)));
    const voted = await voter.post<VoteResult>(`/api/battles/${battle.id}/vote`, {
      outcome: 'left',
    });
    expect(voted.status).toBe(200);
    const models = [voted.body.left.model.slug, voted.body.right.model.slug];
    if (i >= options.warmUp) {
      RECOGNISERS.forEach((recogniser, r) => {
        const score = scores[recogniser];
        const right = guesses[r]!.map((guess, side) => guess === models[side]);
        const wrong = guesses[r]!.map((guess, side) => guess !== undefined && !right[side]);
        score.battles += 1;
        score.sidesRight += right.filter(Boolean).length;
        score.sidesWrong += wrong.filter(Boolean).length;
        if (right.some(Boolean)) score.oneSide += 1;
        if (right.every(Boolean)) score.bothSides += 1;
      });
    }
    sides.forEach((keys, side) => memory.remember(challenge, keys, models[side]!));
  }
  return { scores, hashes };
}
