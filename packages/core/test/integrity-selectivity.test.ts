import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selectivityTest, type IssuedBattle } from '../src/integrity';
import { createRng, type Rng } from '../src/rating';
import { BOARD, randomPair } from './support/integrity';

/** `count` battles, each voted in when `votes` says so. */
function battles(count: number, rng: Rng, votes: (left: string, right: string) => boolean) {
  return Array.from({ length: count }, (): IssuedBattle => {
    const [left, right] = randomPair(BOARD, rng);
    return { left, right, voted: votes(left, right) };
  });
}

describe('selectivityTest', () => {
  it('gives the hypergeometric tail: 2 of 6 battles had x and both were the ones voted', () => {
    const issued: IssuedBattle[] = [
      { left: 'x', right: 'y', voted: true },
      { left: 'z', right: 'x', voted: true },
      { left: 'y', right: 'z', voted: false },
      { left: 'y', right: 'w', voted: false },
      { left: 'z', right: 'w', voted: false },
      { left: 'w', right: 'y', voted: false },
    ];
    const test = selectivityTest(issued, 0.5);
    const x = test.models.find((row) => row.model === 'x')!;
    expect(x).toMatchObject({ issued: 2, voted: 2, expectedVoted: 2 / 3 });
    expect(x.pValue).toBeCloseTo(1 / 15, 12);
    expect(test.selective.map((row) => row.model)).toEqual(['x']);
  });

  it('flags a voter who votes only when one model is on screen', () => {
    const test = selectivityTest(
      battles(80, createRng('selective'), (l, r) => l === 'c' || r === 'c'),
      0.05,
    );
    expect(test.selective.map((row) => row.model)).toEqual(['c']);
    expect(test.selective[0]!.pValue).toBeLessThan(1e-10);
  });

  it('does not flag skipping at random', () => {
    const rng = createRng('skips');
    const issued = battles(300, rng, () => rng.nextFloat() < 0.6);
    expect(selectivityTest(issued, 0.05).selective).toEqual([]);
  });

  it('allows for avoiding one model, which raises the odds of the others up to 3 here', () => {
    const rng = createRng('avoider');
    const avoider = battles(300, rng, (l, r) => l !== 'e' && r !== 'e');
    expect(selectivityTest(avoider, 0.05, 1).selective.length).toBeGreaterThan(0);
    expect(selectivityTest(avoider, 0.05, 4).selective).toEqual([]);
    const promoter = battles(80, rng, (l, r) => l === 'c' || r === 'c');
    expect(selectivityTest(promoter, 0.05, 4).selective.map((row) => row.model)).toEqual(['c']);
  });

  it('can never flag a voter who voted in every battle', () => {
    const battle = fc
      .tuple(fc.constantFrom(...BOARD.keys()), fc.constantFrom(...BOARD.keys()))
      .filter(([left, right]) => left !== right)
      .map(([left, right]): IssuedBattle => ({ left, right, voted: true }));
    fc.assert(
      fc.property(fc.array(battle, { maxLength: 60 }), (issued) => {
        const test = selectivityTest(issued, 0.05);
        expect(test.selective).toEqual([]);
        for (const row of test.models) expect(row.pValue).toBeCloseTo(1, 9);
      }),
    );
  });

  it('flags at most alpha of the voters who skip at random', () => {
    const rng = createRng('random skippers');
    const voters = 3000;
    let flagged = 0;
    for (let i = 0; i < voters; i += 1) {
      const rate = 0.3 + 0.6 * rng.nextFloat();
      const issued = battles(5 + rng.nextInt(60), rng, () => rng.nextFloat() < rate);
      if (selectivityTest(issued, 0.05).selective.length > 0) flagged += 1;
    }
    expect(flagged / voters).toBeLessThanOrEqual(0.05);
  });
});
