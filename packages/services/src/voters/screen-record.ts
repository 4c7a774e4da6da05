import {
  screenVoter,
  type Arena,
  type FitRatings,
  type ScreeningOptions,
  type VoterScreening,
} from '@arena/core';
import type { ArenaRecord } from './voter-records';

/**
 * Screens one record, a voter's or a network's, in each arena it voted in against that arena's
 * published fit, the false-positive budget split between the arenas. Null when one of them has
 * no board yet: judged once it has.
 */
export function screenArenaRecords(
  byArena: ReadonlyMap<Arena, ArenaRecord>,
  fits: ReadonlyMap<Arena, FitRatings>,
  options: ScreeningOptions,
): Map<Arena, VoterScreening> | null {
  const arenas = [...byArena.keys()];
  if (arenas.some((arena) => !fits.has(arena))) return null;
  const screenings = new Map<Arena, VoterScreening>();
  for (const arena of arenas) {
    const record = byArena.get(arena)!;
    screenings.set(
      arena,
      screenVoter(
        { votes: record.votes, battles: record.battles, ratings: fits.get(arena)! },
        { ...options, alpha: options.alpha / arenas.length },
      ),
    );
  }
  return screenings;
}

export const anyFlagged = (screenings: ReadonlyMap<Arena, VoterScreening>) =>
  [...screenings.values()].some((screening) => screening.flagged);
