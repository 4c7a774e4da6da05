import { describe, expect, it } from 'vitest';
import {
  computeLeaderboards,
  computeRatings,
  createRng,
  exportOutcome,
  shuffleInPlace,
  VoteTally,
  type SideCounts,
  type VoteLine,
} from '../src';

/** Votes as single-count rows, so that the test can shuffle, split and tally them. */
function votes(): SideCounts[] {
  const rows: SideCounts[] = [];
  const rng = createRng('votes');
  const models = ['m-anchor', 'm-best', 'm-mid', 'm-worst'];
  const strength: Record<string, number> = {
    'm-best': 2,
    'm-mid': 1,
    'm-anchor': 0.5,
    'm-worst': 0,
  };
  const places = [
    ['text', 'portrait', 'face-1'],
    ['text', 'portrait', 'face-2'],
    ['text', 'logo', 'cafe'],
    ['edit', 'night', 'sky'],
  ] as const;
  for (let i = 0; i < 600; i += 1) {
    const [arena, category, challenge] = places[rng.nextInt(places.length)]!;
    const left = models[rng.nextInt(4)]!;
    let right = models[rng.nextInt(4)]!;
    while (right === left) right = models[rng.nextInt(4)]!;
    const p = 1 / (1 + Math.exp(strength[right]! - strength[left]!));
    const u = rng.nextFloat();
    const outcome =
      u < 0.1 ? 'tie' : u < 0.15 ? 'bothBad' : rng.nextFloat() < p ? 'leftWins' : 'rightWins';
    rows.push({
      arena,
      category,
      challenge,
      left,
      right,
      leftWins: outcome === 'leftWins' ? 1 : 0,
      rightWins: outcome === 'rightWins' ? 1 : 0,
      ties: outcome === 'tie' ? 1 : 0,
      bothBad: outcome === 'bothBad' ? 1 : 0,
    });
  }
  return rows;
}

describe('computeLeaderboards', () => {
  it('fits every arena overall, every category and, when asked, every challenge', () => {
    const boards = computeLeaderboards(votes(), { rounds: 20, perChallenge: true });
    expect(boards.map((b) => [b.arena, b.category, b.challenge])).toEqual([
      ['edit', null, null],
      ['edit', 'night', null],
      ['edit', null, 'sky'],
      ['text', null, null],
      ['text', 'logo', null],
      ['text', 'portrait', null],
      ['text', null, 'cafe'],
      ['text', null, 'face-1'],
      ['text', null, 'face-2'],
    ]);
    const text = boards[3]!;
    expect(text.votes).toBe(
      boards.filter((b) => b.arena === 'text' && b.category).reduce((s, b) => s + b.votes, 0),
    );
    expect(text.rows.map((r) => r.model)).toEqual(['m-best', 'm-mid', 'm-anchor', 'm-worst']);
    for (const row of text.rows) {
      expect(row.low).toBeLessThan(row.rating);
      expect(row.high).toBeGreaterThan(row.rating);
      expect(row.wins + row.losses + row.ties + row.bothBad).toBe(row.votes);
    }
    expect(text.sides.leftWins + text.sides.rightWins).toBe(
      text.rows.reduce((s, r) => s + r.wins, 0),
    );
    expect(text.rows.reduce((s, r) => s + r.rating, 0) / 4).toBeCloseTo(1000, 9);
    expect(computeLeaderboards(votes(), { rounds: 20 })).toHaveLength(5);
  });

  it('does not depend on the order of the votes or on which side a pair was listed', () => {
    const rows = votes();
    const shuffled = shuffleInPlace(
      rows.map((row) => ({ ...row })),
      createRng('shuffle'),
    );
    expect(computeLeaderboards(shuffled, { rounds: 30 })).toEqual(
      computeLeaderboards(rows, { rounds: 30 }),
    );
  });

  it('is the plain rating computation of each scope, seeded by the scope', () => {
    const rows = votes().filter((row) => row.arena === 'text' && row.category === 'logo');
    const [overall, logo] = computeLeaderboards(rows, { rounds: 40, seed: 'x' });
    // The same votes give the same fit, but each scope draws its bootstrap from its own stream.
    expect(overall!.rows.map((row) => row.rating)).toEqual(logo!.rows.map((row) => row.rating));
    expect(overall!.rows.map((row) => row.low)).not.toEqual(logo!.rows.map((row) => row.low));
    const models = ['m-anchor', 'm-best', 'm-mid', 'm-worst'];
    const cells = logo!.pairs.map((pair) => ({
      a: models.indexOf(pair.a),
      b: models.indexOf(pair.b),
      winsA: pair.winsA,
      winsB: pair.winsB,
      ties: pair.ties,
      bothBad: pair.bothBad,
    }));
    const expected = computeRatings(cells, 4, {
      method: 'bootstrap',
      rounds: 40,
      rng: createRng('x:text/logo/'),
    });
    for (const row of logo!.rows) {
      const want = expected.models[models.indexOf(row.model)]!;
      expect([row.rating, row.low, row.high, row.rank, row.votes]).toEqual([
        want.rating,
        want.low,
        want.high,
        want.rank,
        want.votes,
      ]);
    }
  });

  it('skips the scopes it is told to skip without changing the others', () => {
    const all = computeLeaderboards(votes(), { rounds: 20, perChallenge: true });
    const some = computeLeaderboards(votes(), {
      rounds: 20,
      perChallenge: true,
      include: (key) => key.challenge === null,
    });
    expect(some).toEqual(all.filter((board) => board.challenge === null));
  });

  it('gives the same leaderboards from export lines as from aggregated counts', () => {
    const rows = votes();
    const tally = new VoteTally();
    for (const row of rows) {
      const outcome = row.leftWins
        ? 'left'
        : row.rightWins
          ? 'right'
          : row.ties
            ? 'tie'
            : 'both_bad';
      const line: VoteLine = {
        arena: row.arena,
        category: row.category,
        model_a: row.left,
        model_b: row.right,
        outcome: exportOutcome(outcome),
      };
      tally.add(line);
    }
    expect(computeLeaderboards(tally.counts(), { rounds: 25 })).toEqual(
      computeLeaderboards(rows, { rounds: 25 }),
    );
  });

  it('refuses a model playing itself and counts that are not whole', () => {
    const row = votes()[0]!;
    expect(() => computeLeaderboards([{ ...row, right: row.left }])).toThrow(/itself/);
    expect(() => computeLeaderboards([{ ...row, ties: 0.5 }])).toThrow(/whole/);
  });
});
