import type { LeaderboardRow } from '@arena/contract';
import { formatCount, formatInterval, formatPercent, formatRating } from '$lib/format';

/**
 * The leaderboard's columns, in order. Adding one (a 95% CI, "provisional", price) means adding
 * an entry here; only cells that need markup get a snippet in leaderboard-table.svelte.
 */
export interface Column {
  id: string;
  label: string;
  /** Shown instead of the label on narrow screens. */
  shortLabel?: string;
  /** Spelled out for screen readers and tooltips when the label is terse. */
  description?: string;
  numeric: boolean;
  /** Values sort descending first when true (ratings, counts); ascending otherwise (rank). */
  descendingFirst: boolean;
  sortValue: (row: LeaderboardRow) => number | string;
  /** Plain-text cells; columns without it are rendered by a snippet named after the id. */
  text?: (row: LeaderboardRow) => string;
  /** Dropped first on narrow screens. */
  optional?: boolean;
}

export const columns: Column[] = [
  {
    id: 'rank',
    label: 'Rank',
    shortLabel: '#',
    description: 'Rank: models whose 95% intervals overlap share a rank',
    numeric: true,
    descendingFirst: false,
    sortValue: (row) => row.rank,
    text: (row) => String(row.rank),
  },
  {
    id: 'model',
    label: 'Model',
    numeric: false,
    descendingFirst: false,
    sortValue: (row) => row.model.name.toLowerCase(),
  },
  {
    id: 'rating',
    label: 'Rating',
    description: 'Bradley-Terry rating on the Elo scale',
    numeric: true,
    descendingFirst: true,
    sortValue: (row) => row.rating,
    text: (row) => formatRating(row.rating),
  },
  {
    id: 'ci',
    label: '95% CI',
    shortLabel: 'CI',
    description: '95% confidence interval of the rating, as distances above and below it',
    numeric: true,
    descendingFirst: false,
    // Narrowest first: the best-measured ratings.
    sortValue: (row) =>
      row.ciLow === null || row.ciHigh === null ? Infinity : row.ciHigh - row.ciLow,
    text: (row) => formatInterval(row.rating, row.ciLow, row.ciHigh),
    // On narrow screens the rating cell shows it under the rating instead.
    optional: true,
  },
  {
    id: 'elo',
    label: 'Elo',
    description: 'Online Elo, moved by every vote as it comes in',
    numeric: true,
    descendingFirst: true,
    sortValue: (row) => row.elo,
    text: (row) => formatRating(row.elo),
    optional: true,
  },
  {
    id: 'games',
    label: 'Votes',
    description: 'Votes involving this model',
    numeric: true,
    descendingFirst: true,
    sortValue: (row) => row.games,
    text: (row) => formatCount(row.games),
    optional: true,
  },
  {
    id: 'record',
    label: 'W / L / T',
    description: 'Wins, losses and ties (ties include “both are bad”)',
    numeric: true,
    descendingFirst: true,
    sortValue: (row) => row.wins,
    optional: true,
  },
  {
    id: 'winRate',
    label: 'Win rate',
    shortLabel: 'Win %',
    numeric: true,
    descendingFirst: true,
    sortValue: (row) => row.winRate ?? -1,
    text: (row) => formatPercent(row.winRate),
  },
];

export type SortDirection = 'ascending' | 'descending';

export function sortRows(
  rows: LeaderboardRow[],
  column: Column,
  direction: SortDirection,
): LeaderboardRow[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = column.sortValue(a);
    const y = column.sortValue(b);
    const order = x < y ? -1 : x > y ? 1 : 0;
    return order * sign || a.rank - b.rank;
  });
}
