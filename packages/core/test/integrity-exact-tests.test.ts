import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedScore } from '../src/elo';
import {
  hypergeometricUpperTail,
  poissonBinomial,
  tails,
  taroneThreshold,
} from '../src/integrity/exact-tests';
import { tasteNodes } from '../src/integrity/taste';

function choose(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i += 1) result = (result * (n - k + i)) / i;
  return result;
}

describe('poissonBinomial', () => {
  it('is the binomial when every probability is the same', () => {
    const pmf = poissonBinomial([0.3, 0.3, 0.3, 0.3]);
    [0, 1, 2, 3, 4].forEach((k) => {
      expect(pmf[k]).toBeCloseTo(choose(4, k) * 0.3 ** k * 0.7 ** (4 - k), 14);
    });
  });

  it('sums to 1 with mean sum(p) and variance sum(p(1 - p))', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 40 }), (ps) => {
        const pmf = poissonBinomial(ps);
        let total = 0;
        let mean = 0;
        let square = 0;
        pmf.forEach((mass, k) => {
          total += mass;
          mean += k * mass;
          square += k * k * mass;
        });
        const sum = ps.reduce((s, p) => s + p, 0);
        const variance = ps.reduce((s, p) => s + p * (1 - p), 0);
        expect(total).toBeCloseTo(1, 10);
        expect(mean).toBeCloseTo(sum, 8);
        expect(square - mean * mean).toBeCloseTo(variance, 8);
      }),
    );
  });

  it('gives both tails, each including the observed value', () => {
    const pmf = poissonBinomial([0.5, 0.5]);
    expect(tails(pmf, 1)).toEqual({ lower: 0.75, upper: 0.75 });
    expect(tails(pmf, 2)).toEqual({ lower: 1, upper: 0.25 });
  });
});

describe('hypergeometricUpperTail', () => {
  it('matches counting the subsets', () => {
    // 10 battles, 3 with the model, 4 voted: P(X >= k) by enumeration.
    const exact = (k: number) => {
      let tail = 0;
      for (let x = k; x <= 3; x += 1) tail += choose(3, x) * choose(7, 4 - x);
      return tail / choose(10, 4);
    };
    for (const k of [0, 1, 2, 3])
      expect(hypergeometricUpperTail(10, 3, 4, k)).toBeCloseTo(exact(k), 12);
    expect(hypergeometricUpperTail(10, 3, 4, 4)).toBe(0);
  });

  it('weights each marked item by the odds when they are given', () => {
    // 4 items, 2 marked, 2 drawn, marked odds 3: weights C(2,x) C(2,2-x) 3^x = 1, 12, 9.
    expect(hypergeometricUpperTail(4, 2, 2, 2, 3)).toBeCloseTo(9 / 22, 12);
    expect(hypergeometricUpperTail(4, 2, 2, 1, 3)).toBeCloseTo(21 / 22, 12);
    expect(hypergeometricUpperTail(4, 2, 2, 2, 1)).toBeCloseTo(1 / 6, 12);
  });

  it('is 1 when every battle was voted in, whatever the model', () => {
    expect(hypergeometricUpperTail(30, 12, 30, 12)).toBeCloseTo(1, 12);
  });

  it('stays accurate for long records', () => {
    // Voting only in the 50 battles with the model out of 600: 1 / C(600, 50).
    const tail = hypergeometricUpperTail(600, 50, 50, 50);
    expect(Math.log(tail)).toBeCloseTo(-Math.log(choose(600, 50)), 6);
  });
});

describe('taroneThreshold', () => {
  it('charges only the tests that could reach significance', () => {
    // Ten tests that can never go below 0.2 and two that can: alpha is split two ways.
    const minimal = [...new Array<number>(10).fill(0.2), 1e-6, 1e-6];
    expect(taroneThreshold(minimal, 0.05)).toBeCloseTo(0.025, 15);
  });

  it('is Bonferroni when every test could reach significance, and alpha with none', () => {
    expect(taroneThreshold(new Array<number>(7).fill(1e-9), 0.07)).toBeCloseTo(0.01, 15);
    expect(taroneThreshold([], 0.05)).toBe(0.05);
    expect(taroneThreshold([1, 1, 0.9], 0.05)).toBe(0.05);
  });

  it('never leaves more testable tests than the budget was divided by', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 1e-12, max: 1, noNaN: true })), (minimal) => {
        const threshold = taroneThreshold(minimal, 0.05);
        const testable = minimal.filter((p) => p <= threshold).length;
        expect(testable * threshold).toBeLessThanOrEqual(0.05 + 1e-15);
      }),
    );
  });
});

describe('tasteNodes', () => {
  it('averages over a normal: weights sum to 1, variance spread^2', () => {
    const nodes = tasteNodes(50);
    const total = nodes.reduce((s, node) => s + node.weight, 0);
    const variance = nodes.reduce((s, node) => s + node.weight * node.offset ** 2, 0);
    expect(total).toBeCloseTo(1, 12);
    expect(Math.sqrt(variance) / 50).toBeCloseTo(1, 5);
    expect(tasteNodes(0)).toEqual([{ offset: 0, weight: 1 }]);
  });

  it('averages a steep tail probability as a fine grid does', () => {
    // Ten straight wins of a model 100 Elo below its opponents, for a voter of unknown taste.
    const allWon = (offset: number) => expectedScore(1000 + offset, 1100) ** 10;
    const coarse = tasteNodes(50).reduce((s, node) => s + node.weight * allWon(node.offset), 0);
    let fine = 0;
    let mass = 0;
    for (let z = -8; z <= 8; z += 0.001) {
      fine += Math.exp(-0.5 * z * z) * allWon(50 * z);
      mass += Math.exp(-0.5 * z * z);
    }
    // Within 1e-4 relative: far finer than the factor-of-two steps between significance levels.
    expect(coarse / (fine / mass)).toBeCloseTo(1, 4);
  });
});
