import type { VoterSummary } from '@arena/contract';
import { voters } from '@arena/db';
import { sql } from 'drizzle-orm';
import { voterExcluded } from '../voters/exclusion';
import { moderatedVoter } from './set-voter-flag';

/** The columns a voter's summary is made from (list and report). */
export const voterSummaryColumns = {
  id: voters.id,
  createdAt: voters.createdAt,
  lastSeenAt: voters.lastSeenAt,
  flags: voters.flags,
  votesCast: voters.votesCast,
  suspectedAt: voters.suspectedAt,
  suspicion: voters.suspicion,
  clearedAt: voters.clearedAt,
  excluded: sql<boolean>`${voterExcluded}`,
};

export interface VoterSummaryRow {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  flags: string[];
  votesCast: number;
  suspectedAt: Date | null;
  suspicion: { reasons: string[] } | null;
  clearedAt: Date | null;
  excluded: boolean;
}

export function voterSummary(row: VoterSummaryRow): VoterSummary {
  return {
    ...moderatedVoter(row.id, row.flags),
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    votesCast: row.votesCast,
    screening: {
      suspectedAt: row.suspectedAt?.toISOString() ?? null,
      reasons: row.suspicion?.reasons ?? [],
      clearedAt: row.clearedAt?.toISOString() ?? null,
      excluded: row.excluded === true,
    },
  };
}
