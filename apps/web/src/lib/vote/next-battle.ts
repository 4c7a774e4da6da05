import type { Battle } from '@arena/contract';
import type { Arena } from '@arena/core';
import { createBattle } from '$lib/api';

/**
 * The battle after this one, issued while the voter looks at a reveal, with both its images
 * fetched and decoded so that "Next" shows it at once. The decoded images are kept alive until
 * the battle is shown: the page's own <img> elements then find them in the browser's memory.
 */
export interface PrefetchedBattle {
  battle: Battle;
  /** performance.now() when the battle arrived; its time-to-live counts from here. */
  receivedAt: number;
  /** Both images fetched and decoded. */
  ready: Promise<boolean>;
  images: HTMLImageElement[];
}

/** A prefetched battle this close to expiring is dropped rather than shown. */
const EXPIRY_MARGIN_MS = 20_000;

/** Issues the next battle and loads its images; null when none is available right now. */
export async function prefetchBattle(
  scope: { arena: Arena; category: string | null },
  signal: AbortSignal,
): Promise<PrefetchedBattle | null> {
  let battle: Battle;
  try {
    battle = await createBattle(scope, { signal });
  } catch {
    // Nothing open, a network blip, an abort: "Next" simply asks again.
    return null;
  }
  const receivedAt = performance.now();
  const images = [battle.left.imageUrl, battle.right.imageUrl].map((src) => {
    const image = new Image();
    image.decoding = 'async';
    image.src = src;
    return image;
  });
  const ready = Promise.all(images.map((image) => image.decode())).then(
    () => true,
    () => false,
  );
  return { battle, receivedAt, ready, images };
}

// setTimeout fires at once for delays past 2^31 - 1 ms.
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * How long a battle received at `receivedAt` (performance.now()) can still be voted on; null
 * when that cannot be told. Uses the server's time-to-live rather than its clock, so a skewed
 * client clock is harmless.
 */
export function remainingMs(battle: Battle, receivedAt: number, now = performance.now()) {
  const ttl = Date.parse(battle.expiresAt) - Date.parse(battle.issuedAt);
  if (!Number.isFinite(ttl) || ttl <= 0 || ttl > MAX_TIMEOUT_MS) return null;
  return Math.max(0, receivedAt + ttl - now);
}

/** Whether a prefetched battle can still be voted on for a while. */
export function isFresh(prefetched: PrefetchedBattle, now = performance.now()): boolean {
  const { battle, receivedAt } = prefetched;
  const left = remainingMs(battle, receivedAt, now);
  if (left === null) return false;
  const ttl = Date.parse(battle.expiresAt) - Date.parse(battle.issuedAt);
  return left > Math.min(EXPIRY_MARGIN_MS, ttl / 2);
}
