/**
 * Seeded pseudo-random numbers. Everything random in the rating code (bootstrap, matchmaking,
 * simulation) draws from an `Rng` that the caller passes in, so one seed reproduces a run bit for
 * bit and tests never depend on `Math.random`.
 */
export interface Rng {
  /** Uniform integer in [0, 2^32). */
  nextUint32(): number;
  /** Uniform double in [0, 1), with 53 random bits. */
  nextFloat(): number;
  /** Uniform integer in [0, n), for 1 <= n <= 2^32. */
  nextInt(n: number): number;
}

/** A seed as a CLI flag or a job payload would carry it. */
export type Seed = number | string;

const TWO_POW_26 = 67_108_864;
const TWO_POW_53 = 9_007_199_254_740_992;

/** FNV-1a over the UTF-16 code units: only used to turn any seed into 32 bits. */
function hashSeed(seed: Seed): number {
  const text = typeof seed === 'number' ? `n:${seed}` : `s:${seed}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * SplitMix32 expands the 32-bit hash into xoshiro's 128-bit state; it is the seeding routine
 * xoshiro's authors recommend, because it never yields the forbidden all-zero state in practice
 * and decorrelates nearby seeds (seed 1 and seed 2 give unrelated streams).
 */
function splitMix32(state: number): () => number {
  let s = state | 0;
  return () => {
    s = (s + 0x9e3779b9) | 0;
    let t = s ^ (s >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    return (t ^ (t >>> 15)) >>> 0;
  };
}

/**
 * xoshiro128** (Blackman and Vigna): 32-bit arithmetic only, which JavaScript does quickly with
 * `Math.imul`; period 2^128 - 1 and no known statistical failures at the sample sizes we use.
 * A class rather than a closure: V8 keeps the state in object fields, about twice as fast as
 * closure context slots, and the bootstrap draws millions of numbers.
 */
class Xoshiro128 implements Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: Seed) {
    const next = splitMix32(hashSeed(seed));
    this.s0 = next() | 0;
    this.s1 = next() | 0;
    this.s2 = next() | 0;
    this.s3 = next() | 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  nextUint32(): number {
    const s1 = this.s1;
    const product = Math.imul(s1, 5);
    const result = Math.imul((product << 7) | (product >>> 25), 9);
    const s2 = this.s2 ^ this.s0;
    const s3 = this.s3 ^ s1;
    this.s1 = s1 ^ s2;
    this.s0 = this.s0 ^ s3;
    this.s2 = s2 ^ (s1 << 9);
    this.s3 = (s3 << 11) | (s3 >>> 21);
    return result >>> 0;
  }

  nextFloat(): number {
    const high = this.nextUint32() >>> 5;
    const low = this.nextUint32() >>> 6;
    return (high * TWO_POW_26 + low) / TWO_POW_53;
  }

  // With 53 random bits the bias of flooring is below 2^-21 even for n = 2^32: invisible here.
  nextInt(n: number): number {
    return Math.floor(this.nextFloat() * n);
  }
}

/** A generator whose whole stream is fixed by `seed` (any number or string). */
export function createRng(seed: Seed): Rng {
  return new Xoshiro128(seed);
}

/** Fisher-Yates shuffle in place. */
export function shuffleInPlace<T>(items: T[], rng: Rng): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = rng.nextInt(i + 1);
    const held = items[i] as T;
    items[i] = items[j] as T;
    items[j] = held;
  }
  return items;
}
