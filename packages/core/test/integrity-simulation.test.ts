import { describe, expect, it } from 'vitest';
import {
  ATTACKER_KINDS,
  simulateVoterScreening,
  type VoterScreeningReport,
  type VoterScreeningSimulationOptions,
} from '../src/integrity';

const percent = (rate: number) => `${(100 * rate).toFixed(1)}%`;

/** The report as the markdown table of docs/INTEGRITY.md. */
function table(report: VoterScreeningReport): string {
  const lines = [
    `| attacker votes | ${ATTACKER_KINDS.join(' | ')} | all attackers |`,
    `| --- | ${ATTACKER_KINDS.map(() => '---').join(' | ')} | --- |`,
    ...report.attackers.map(
      (row) =>
        `| ${row.attackerVotes} | ${ATTACKER_KINDS.map((kind) => percent(row.byKind[kind].rate)).join(' | ')} | ${percent(row.overall.rate)} |`,
    ),
    '',
    `honest voters flagged: ${report.honest.flagged} of ${report.honest.voters} (${percent(report.honest.rate)}); ` +
      `with >= 5 votes ${report.honestJudged.flagged} of ${report.honestJudged.voters} (${percent(report.honestJudged.rate)})`,
    ...report.honestByVotes.map(
      ({ fromVotes, toVotes, tally }) =>
        `  ${fromVotes}-${toVotes === null ? '' : toVotes - 1} votes: ${tally.flagged} of ${tally.voters}`,
    ),
  ];
  return lines.join('\n');
}

describe('simulateVoterScreening', () => {
  it('is reproducible from its seed', () => {
    const options: VoterScreeningSimulationOptions = {
      seed: 'same',
      honestVoters: 100,
      attackerVotes: [20],
      attackersPerKind: 10,
    };
    expect(simulateVoterScreening(options)).toEqual(simulateVoterScreening(options));
  });

  it('catches 90% of targeted voters with 80 votes on a 12-model board, flagging < 2% of honest ones', () => {
    // The defaults: 12 models over 400 Elo, 2,000 honest voters (geometric, mean 15 votes, taste
    // N(0, 50^2) per model, 10% avoiding one model), the fit of their votes, 200 attackers a kind.
    // INTEGRITY_TABLE=1 prints the table for the integrity document, with more rows.
    const print = Boolean(process.env.INTEGRITY_TABLE);
    const attackerVotes = print ? [10, 20, 40, 60, 80, 120] : [20, 80];
    const report = simulateVoterScreening({ seed: 1, attackerVotes });
    if (print) console.log(table(report));
    const row = (votes: number) => report.attackers.find((r) => r.attackerVotes === votes)!;
    const short = row(20);
    const enough = row(80);
    for (const kind of ATTACKER_KINDS) expect(enough.byKind[kind].rate).toBeGreaterThanOrEqual(0.9);
    expect(report.honest.rate).toBeLessThan(0.02);
    expect(report.honestJudged.voters).toBeGreaterThan(1000);
    expect(report.honestJudged.rate).toBeLessThan(0.02);
    // Below that, only the selective promoter is reliably caught: with 20 votes the target is
    // on screen about 3 times, too few to tell a promoter from luck.
    expect(short.byKind.selective_promoter.rate).toBeGreaterThanOrEqual(0.99);
    expect(short.byKind.promoter.rate).toBeLessThan(0.5);
    expect(short.byKind.demoter.rate).toBeLessThan(0.5);
  });
});
