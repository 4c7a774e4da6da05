import { describe, expect, it } from 'vitest';
import { SEEN_LIMIT, SeenComparisons } from '../src/battles/seen-comparisons';

const keys = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('SeenComparisons', () => {
  it('answers only for the latest battle it knows, and follows battles issued in order', () => {
    const memory = new SeenComparisons();
    expect(memory.knownLatest('v')).toBeUndefined();
    memory.load('v', 'b1', ['c|x|y'], 1);
    expect(memory.lookup('v', 'b2')).toBeUndefined();
    expect([...memory.lookup('v', 'b1')!]).toEqual(['c|x|y']);
    memory.issued('v', 'b1', 'b2', 'c|x|z');
    expect(memory.knownLatest('v')).toEqual(['b1', 'b2']);
    expect([...memory.lookup('v', 'b2')!].sort()).toEqual(['c|x|y', 'c|x|z']);
    // A battle issued on top of something else (another process's battle): forgotten.
    memory.issued('v', 'b9', 'b10', 'c|y|z');
    expect(memory.knownLatest('v')).toBeUndefined();
  });

  it('keeps two battles of one voter issued at once on the same latest one', () => {
    const memory = new SeenComparisons();
    memory.load('v', null, [], 0);
    // Both requests read "no battle yet"; either battle may come out latest.
    memory.issued('v', null, 'b1', 'c|x|y');
    memory.issued('v', null, 'b2', 'c|x|z');
    for (const latest of ['b1', 'b2']) {
      expect([...memory.lookup('v', latest)!].sort()).toEqual(['c|x|y', 'c|x|z']);
    }
    expect(memory.lookup('v', 'b3')).toBeUndefined();
    // Only the last few are kept as candidates.
    for (let i = 3; i <= 12; i += 1) memory.issued('v', `b${i - 1}`, `b${i}`, 'c|x|y');
    expect(memory.knownLatest('v')).toHaveLength(8);
    expect(memory.lookup('v', 'b1')).toBeUndefined();
    expect(memory.lookup('v', 'b12')).toBeDefined();
  });

  it('reads a heavy voter again once its window has moved well past what it holds', () => {
    const memory = new SeenComparisons();
    memory.load('v', 'b0', ['k'], SEEN_LIMIT);
    let latest = 'b0';
    for (let i = 1; memory.knownLatest('v') !== undefined; i += 1) {
      memory.issued('v', latest, `b${i}`, 'k');
      latest = `b${i}`;
      expect(i).toBeLessThanOrEqual(1_000);
    }
    // 500 battles past the window are followed; the one after makes the next battle read.
    expect(Number(latest.slice(1))).toBe(501);
  });

  it('drops the least recently used voters past its size', () => {
    const memory = new SeenComparisons();
    memory.load('a', 'a1', keys('a', 120_000), 1);
    memory.load('b', 'b1', keys('b', 60_000), 1);
    memory.lookup('a', 'a1');
    memory.load('c', 'c1', keys('c', 60_000), 1);
    expect(memory.knownLatest('b')).toBeUndefined();
    expect(memory.lookup('a', 'a1')?.size).toBe(120_000);
    expect(memory.lookup('c', 'c1')?.size).toBe(60_000);
  });
});
