import type { Database } from '@arena/db';

/** How far back a voter's battles are remembered to avoid showing a comparison twice. */
export const SEEN_LIMIT = 2_000;

/**
 * Battles past the window a remembered set may cover before it is read again: until then it
 * may also count a few comparisons just older than the window as seen (they are avoided a
 * little longer than the window says), and a heavy voter's set is read once per this many
 * battles, not on each.
 */
const WINDOW_SLACK = 500;

/** Comparisons kept in one process, all voters together (about 150 bytes each). */
const MAX_KEPT_KEYS = 200_000;

/** Battles of one voter issued here that may each be the one the database calls latest. */
const MAX_LATEST = 8;

interface Entry {
  /**
   * The voter's latest battle when `keys` was loaded, then each battle this process issued on
   * top (the last few): `keys` covers them all. Two battles of one voter issued at once both
   * build on the same latest one, and either may come out latest in the database's order;
   * any other latest battle (another process's) means reload.
   */
  latest: (string | null)[];
  /** `challengeId|pairKey` of the comparisons in the voter's latest battles. */
  keys: Set<string>;
  /** Battles `keys` covers; past SEEN_LIMIT + WINDOW_SLACK the entry is dropped. */
  battles: number;
}

/**
 * What each voter was shown lately, kept per database in each API process, so that a battle
 * does not read a voter's last SEEN_LIMIT battles every time (for a heavy voter in a large
 * catalog, 2,000 rows and 200 KB per battle). The battle statement reads the voter's latest
 * battle id (one index probe) and sends the comparisons only when it is not the one this
 * process remembers: a battle issued by another process, a restart or an evicted entry all
 * lead to a reload. Least recently used voters are dropped first.
 */
export class SeenComparisons {
  private readonly entries = new Map<string, Entry>();
  private keptKeys = 0;

  /**
   * The battle ids (null: none yet) any of which, as the voter's latest, this process holds
   * the comparisons up to; undefined when it holds nothing for the voter.
   */
  knownLatest(voterId: string): readonly (string | null)[] | undefined {
    return this.entries.get(voterId)?.latest;
  }

  /** The remembered comparisons, if they cover `latestBattleId`, the voter's latest battle. */
  lookup(voterId: string, latestBattleId: string | null): Set<string> | undefined {
    const entry = this.entries.get(voterId);
    if (!entry || !entry.latest.includes(latestBattleId)) return undefined;
    this.touch(voterId, entry);
    return entry.keys;
  }

  /** The comparisons as the database gave them, up to `latestBattleId`. */
  load(
    voterId: string,
    latestBattleId: string | null,
    keys: string[],
    battles: number,
  ): Set<string> {
    const entry: Entry = { latest: [latestBattleId], keys: new Set(keys), battles };
    this.replace(voterId, entry);
    return entry.keys;
  }

  /**
   * A battle this process just issued: added to what it remembers when that covered the
   * voter's previous battle; otherwise the next battle reloads anyway.
   */
  issued(voterId: string, previousBattleId: string | null, battleId: string, key: string): void {
    const entry = this.entries.get(voterId);
    if (!entry) return;
    if (!entry.latest.includes(previousBattleId) || entry.battles >= SEEN_LIMIT + WINDOW_SLACK) {
      this.remove(voterId);
      return;
    }
    if (!entry.keys.has(key)) {
      entry.keys.add(key);
      this.keptKeys += 1;
    }
    entry.latest.push(battleId);
    if (entry.latest.length > MAX_LATEST) entry.latest.shift();
    entry.battles += 1;
    this.evict();
  }

  private touch(voterId: string, entry: Entry) {
    this.entries.delete(voterId);
    this.entries.set(voterId, entry);
  }

  private replace(voterId: string, entry: Entry) {
    this.remove(voterId);
    this.entries.set(voterId, entry);
    this.keptKeys += entry.keys.size;
    this.evict();
  }

  private remove(voterId: string) {
    const old = this.entries.get(voterId);
    if (!old) return;
    this.keptKeys -= old.keys.size;
    this.entries.delete(voterId);
  }

  private evict() {
    for (const voterId of this.entries.keys()) {
      if (this.keptKeys <= MAX_KEPT_KEYS) return;
      this.remove(voterId);
    }
  }
}

const byDatabase = new WeakMap<Database, SeenComparisons>();

/** The process's memory of what voters were shown, for this database. */
export function seenComparisonsOf(db: Database): SeenComparisons {
  let seen = byDatabase.get(db);
  if (!seen) byDatabase.set(db, (seen = new SeenComparisons()));
  return seen;
}
