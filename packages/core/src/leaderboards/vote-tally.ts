import type { SideCounts } from './compute-leaderboards';
import type { VoteLine } from './vote-line';

/** Names get ids below this, so that two ids make one exact number key (2^52 < 2^53). */
const ID_LIMIT = 2 ** 26;

/**
 * Tallies vote lines into side counts per (arena, category, left model, right model), one line
 * at a time, so a CLI can stream a large export without holding its lines.
 *
 * Keyed by number pairs rather than by one text key: every name is given a small id once, the
 * scope (arena, category) and the pair (left, right) each make one number, and a vote costs
 * four lookups of short names it would hash anyway plus two number lookups, instead of
 * building, hashing and comparing a long key.
 */
export class VoteTally {
  /** Id 0 is null (no arena or category); names start at 1. */
  private readonly ids = new Map<string, number>();
  /** Each name once, by id: the copy the counts refer to. */
  private readonly names: (string | null)[] = [null];
  private readonly scopes = new Map<number, Map<number, SideCounts>>();

  private id(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      if (id >= ID_LIMIT) throw new RangeError(`more than ${ID_LIMIT - 1} distinct names`);
      // A copy: a reader's names are slices of the text chunk they came in, and V8 keeps a
      // whole chunk (64 KiB) alive for as long as one of its slices is, here to the end.
      const own = name.split('').join('');
      this.names.push(own);
      this.ids.set(own, id);
    }
    return id;
  }

  private optionalId(name: string | null | undefined): number {
    return name === undefined || name === null ? 0 : this.id(name);
  }

  add(line: VoteLine): void {
    const arena = this.optionalId(line.arena);
    const category = this.optionalId(line.category);
    const scopeKey = arena * ID_LIMIT + category;
    let pairs = this.scopes.get(scopeKey);
    if (!pairs) {
      pairs = new Map();
      this.scopes.set(scopeKey, pairs);
    }
    const left = this.id(line.model_a);
    const right = this.id(line.model_b);
    const pairKey = left * ID_LIMIT + right;
    let tally = pairs.get(pairKey);
    if (!tally) {
      tally = {
        arena: this.names[arena] ?? null,
        category: this.names[category] ?? null,
        challenge: null,
        left: this.names[left] as string,
        right: this.names[right] as string,
        leftWins: 0,
        rightWins: 0,
        ties: 0,
        bothBad: 0,
      };
      pairs.set(pairKey, tally);
    }
    if (line.outcome === 'model_a') tally.leftWins += 1;
    else if (line.outcome === 'model_b') tally.rightWins += 1;
    else if (line.outcome === 'tie') tally.ties += 1;
    else tally.bothBad += 1;
  }

  counts(): SideCounts[] {
    return [...this.scopes.values()].flatMap((pairs) => [...pairs.values()]);
  }
}
