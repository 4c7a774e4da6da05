/** One board as `pnpm arena leaderboard --votes` and reference-fit.py both print it. */
interface PrintedBoard {
  arena: string | null;
  category: string | null;
  votes: number;
  rows: { model: string; rating: number; ci_low: number; ci_high: number; votes: number }[];
}

export interface LeaderboardAgreement {
  /** Largest |ours - theirs| rating over every model of every board, Elo. */
  maxRatingDiff: number;
  /** Largest difference of an interval bound, Elo: Monte Carlo noise, the streams differ. */
  maxIntervalDiff: number;
  /** Boards or models one side has and the other lacks, or vote counts that differ. */
  mismatches: string[];
}

const boardsOf = (stdout: string): PrintedBoard[] =>
  (JSON.parse(stdout) as { leaderboards: PrintedBoard[] }).leaderboards;

const label = (board: PrintedBoard) => `${board.arena ?? ''}/${board.category ?? ''}`;

/**
 * How far two printed sets of leaderboards are apart. Any structural difference (a board or a
 * model missing, other vote counts) is listed and makes the rating difference infinite, so a
 * comparison can never pass by skipping what it could not match.
 */
export function compareLeaderboards(ours: string, theirs: string): LeaderboardAgreement {
  const result: LeaderboardAgreement = { maxRatingDiff: 0, maxIntervalDiff: 0, mismatches: [] };
  const theirBoards = new Map(boardsOf(theirs).map((board) => [label(board), board]));
  const ourBoards = boardsOf(ours);
  if (ourBoards.length !== theirBoards.size) {
    result.mismatches.push(`${ourBoards.length} boards against ${theirBoards.size}`);
  }
  for (const board of ourBoards) {
    const other = theirBoards.get(label(board));
    if (!other || other.votes !== board.votes || other.rows.length !== board.rows.length) {
      result.mismatches.push(`board ${label(board)} differs in votes or models`);
      continue;
    }
    const rows = new Map(other.rows.map((row) => [row.model, row]));
    for (const row of board.rows) {
      const twin = rows.get(row.model);
      if (!twin || twin.votes !== row.votes) {
        result.mismatches.push(`${label(board)}: ${row.model} missing or with other votes`);
        continue;
      }
      result.maxRatingDiff = Math.max(result.maxRatingDiff, Math.abs(row.rating - twin.rating));
      result.maxIntervalDiff = Math.max(
        result.maxIntervalDiff,
        Math.abs(row.ci_low - twin.ci_low),
        Math.abs(row.ci_high - twin.ci_high),
      );
    }
  }
  if (result.mismatches.length > 0) result.maxRatingDiff = Number.POSITIVE_INFINITY;
  return result;
}
