import type { Arena } from '../arenas';

/** A model's place in one category's published board, as "best for" lists them. */
export interface BestForStanding {
  arena: Arena;
  category: { id: string; slug: string; name: string };
  rank: number;
  /** Models on that board. */
  of: number;
  rating: number;
  ciLow: number;
  ciHigh: number;
  provisional: boolean;
  games: number;
  winRate: number | null;
}

/**
 * The order of a model's category standings in "best for". Established standings come before
 * provisional ones, then the better rank. Among equal ranks (common: intervals that overlap
 * share a rank) the category where the model is most surely strong comes first, judged by the
 * lower end of its 95% interval: one lucky vote gives a high rating with a very low lower end
 * and must not outrank a hundred good ones. Then the larger field, then the win rate.
 */
export function compareBestFor(a: BestForStanding, b: BestForStanding): number {
  return (
    Number(a.provisional) - Number(b.provisional) ||
    a.rank - b.rank ||
    b.ciLow - a.ciLow ||
    b.of - a.of ||
    (b.winRate ?? -1) - (a.winRate ?? -1) ||
    a.category.slug.localeCompare(b.category.slug)
  );
}
