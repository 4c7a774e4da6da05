/** What an editing instruction asks for, read from its words. */
export interface EditIntent {
  night: boolean;
  smile: boolean;
  /** Grow hair on a bald head. */
  hair: boolean;
  /** Wind, speed, flying things. */
  motion: boolean;
  /** Soft painted illustration (Ghibli, anime, pastel). */
  painted: boolean;
  caricature: boolean;
  /** A drive along a coast: warm light, sea, streaks. */
  drive: boolean;
  words: ReadonlySet<string>;
}

export function analyseEdit(instruction: string): EditIntent {
  const words = new Set(instruction.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  const has = (...candidates: string[]) => candidates.some((w) => words.has(w));
  const motion = has('motion', 'wind', 'blow', 'blowing', 'dynamic', 'flying', 'windswept');
  return {
    night: has('night', 'stars', 'starry', 'moonlight', 'midnight'),
    smile: has('smile', 'smiling', 'grin', 'duchenne', 'laugh'),
    hair:
      has('hair', 'hairline') &&
      has('full', 'thick', 'hairline', 'grow', 'give', 'density') &&
      !motion,
    motion,
    painted: has(
      'ghibli',
      'anime',
      'illustration',
      'pastel',
      'watercolor',
      'watercolour',
      'painted',
      'painting',
    ),
    caricature: has('caricature', 'cartoon', 'exaggerated', 'comic'),
    drive: has('driving', 'drive', 'coastline', 'coast', 'highway', 'road'),
    words,
  };
}
