import type { Arena, ScreeningReason, VoterScreening } from '@arena/core';
import type { VoterSuspicion } from '@arena/db';

const round = (value: number, digits = 3) => Number(value.toPrecision(digits));

/** One line per reason, for an operator who has not read the statistics' definitions. */
function describe(arena: Arena, reason: ScreeningReason): string {
  switch (reason.code) {
    case 'outlier':
      return `${arena}: votes fit the leaderboard far worse than chance allows (e-value ${round(Math.exp(reason.logEValue))})`;
    case 'favours_model':
      return `${arena}: picks ${reason.model} far beyond its expected win rate (p = ${round(reason.pValue, 2)})`;
    case 'disfavours_model':
      return `${arena}: rejects ${reason.model} far beyond its expected loss rate (p = ${round(reason.pValue, 2)})`;
    case 'selective_voting':
      return `${arena}: votes mostly in battles that contain ${reason.model} (p = ${round(reason.pValue, 2)})`;
  }
}

/**
 * What is stored with a flagged voter: the reasons in words, and per arena the numbers behind
 * them (the full per-model tables stay out: they are recomputed on the next screening anyway).
 */
export function summariseSuspicion(screenings: ReadonlyMap<Arena, VoterScreening>): VoterSuspicion {
  const reasons: string[] = [];
  const statistics: Record<string, unknown> = {};
  let votes = 0;
  for (const [arena, screening] of screenings) {
    const { outlier, favouritism, selectivity } = screening.statistics;
    votes += screening.statistics.votes;
    reasons.push(...screening.reasons.map((reason) => describe(arena, reason)));
    statistics[arena] = {
      votes: screening.statistics.votes,
      outlier: {
        scoredVotes: outlier.scoredVotes,
        maxLogEValue: round(outlier.maxLogEValue, 4),
        threshold: round(outlier.threshold, 4),
      },
      favoured: [...favouritism.favoured, ...favouritism.disfavoured].map((row) => ({
        model: row.model,
        votes: row.votes,
        wins: row.wins,
        expectedWins: round(row.expectedWins),
        pValue: round(row.pValue, 2),
      })),
      selective: (selectivity?.selective ?? []).map((row) => ({
        model: row.model,
        issued: row.issued,
        voted: row.voted,
        expectedVoted: round(row.expectedVoted),
        pValue: round(row.pValue, 2),
      })),
      issuedBattles: selectivity?.issued ?? 0,
    };
  }
  return { reasons, votes, statistics };
}
