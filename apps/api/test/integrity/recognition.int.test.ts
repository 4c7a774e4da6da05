import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVotableArena, type TestArena } from '../support/arena';
import { TestClient } from '../support/client';
import {
  playRecognisingVoter,
  RECOGNISERS,
  type RecognitionScore,
} from '../support/recognising-voter';

const BATTLES = 300;
const WARM_UP = 100;

/** Three standard deviations of a share `p` measured over `n` trials. */
const threeSigma = (p: number, n: number) => 3 * Math.sqrt((p * (1 - p)) / n);

function table(scores: Record<string, RecognitionScore>): string {
  const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)}%`;
  const rows = Object.entries(scores).map(
    ([name, s]) =>
      `| ${name} | ${pct(s.sidesRight, 2 * s.battles)} | ${pct(s.sidesWrong, 2 * s.battles)} | ` +
      `${pct(s.oneSide, s.battles)} | ${pct(s.bothSides, s.battles)} |`,
  );
  return [
    '| recogniser | sides named right | sides named wrong | battles, >= 1 side right | both sides right |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/**
 * An attacker who remembers every revealed image (docs/INTEGRITY.md, "Recognising images"):
 * by byte hash and by length it can do no better than guessing from the challenge alone,
 * because every battle serves its own variant of each image, padded to its challenge's length.
 * A perceptual hash still recognises the picture itself; that figure is measured, not hidden.
 */
describe('a voter who remembers revealed images', () => {
  let arena: TestArena;
  let result: Awaited<ReturnType<typeof playRecognisingVoter>>;

  beforeAll(async () => {
    arena = await startVotableArena('postgres', { MIN_VIEW_MS: '0', MAX_OPEN_BATTLES: '3' });
    result = await playRecognisingVoter(new TestClient(arena.app), {
      battles: BATTLES,
      warmUp: WARM_UP,
      arena: 'text-to-image',
    });
    if (process.env.INTEGRITY_TABLE) console.log(table(result.scores));
  }, 600_000);
  afterAll(async () => {
    await arena?.close();
  });

  it('never sees the same bytes twice, so a byte hash recognises nothing', () => {
    expect(result.hashes).toHaveLength(2 * BATTLES);
    expect(new Set(result.hashes).size).toBe(2 * BATTLES);
    expect(result.scores.sha256).toMatchObject({ sidesRight: 0, sidesWrong: 0, oneSide: 0 });
  });

  it('learns no more from lengths than from the challenge alone', () => {
    const { length, challengeOnly } = result.scores;
    const sides = 2 * challengeOnly.battles;
    const chance = challengeOnly.sidesRight / sides;
    expect(length.sidesRight / sides).toBeLessThanOrEqual(chance + threeSigma(chance, sides));
    const oneSide = challengeOnly.oneSide / challengeOnly.battles;
    expect(length.oneSide / length.battles).toBeLessThanOrEqual(
      oneSide + threeSigma(oneSide, length.battles),
    );
  });

  it('is still recognised by a perceptual hash of the picture (measured, see INTEGRITY.md)', () => {
    // The variants hide bytes, not pictures: an attacker comparing what the images look like
    // does better than chance. Screening and limits are what stop that attacker.
    const { dHash, challengeOnly } = result.scores;
    expect(RECOGNISERS).toContain('dHash');
    expect(dHash.sidesRight).toBeGreaterThan(challengeOnly.sidesRight);
  });
});
