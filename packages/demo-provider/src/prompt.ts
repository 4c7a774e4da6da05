import { COLOUR_WORDS, type Hsl } from './colour';
import { hashString } from './random';

/** What a picture is about, read from the prompt's words. */
export type SceneKind =
  | 'logo'
  | 'infographic'
  | 'mandala'
  | 'isometric'
  | 'portrait'
  | 'night'
  | 'still-life'
  | 'landscape';

export interface PromptFeatures {
  scene: SceneKind;
  /** Lower-case words of the prompt. */
  words: ReadonlySet<string>;
  /** True when any of the words (or its plural) appears. */
  has(...candidates: string[]): boolean;
  /** Quoted passages, in order: the text a logo or poster should show. */
  quoted: string[];
  /** Short labels for panels: numbered steps or slash lists. */
  labels: string[];
  /** A heading: a capitalised name from the prompt, if any. */
  title: string | undefined;
  /** Colours named in the prompt, in order. */
  colours: Hsl[];
  /** Stable per prompt (never per model), to vary defaults between prompts. */
  promptHash: number;
}

// Each scene scores the keywords the prompt mentions; ties go to the earlier scene.
const SCENE_RULES: Array<[SceneKind, string[]]> = [
  ['logo', ['logo', 'emblem', 'badge', 'monogram', 'wordmark']],
  ['infographic', ['infographic', 'menu', 'poster', 'diagram', 'chart', 'timeline', 'flyer']],
  ['mandala', ['mandala', 'symmetrical', 'kaleidoscope', 'radial']],
  ['isometric', ['isometric', 'diorama', 'sushi', 'miniature']],
  [
    'portrait',
    [
      'portrait',
      'person',
      'man',
      'woman',
      'face',
      'girl',
      'boy',
      'warrior',
      'paladin',
      'superhero',
      'selfie',
      'knight',
    ],
  ],
  ['night', ['night', 'stars', 'starry', 'galaxy', 'moon', 'midnight', 'nebula']],
  ['still-life', ['table', 'cube', 'sphere', 'vase', 'bowl', 'book', 'teapot']],
];

// Words that name the layout outright, worth more than a passing mention.
const STRONG = new Set([
  'logo',
  'infographic',
  'menu',
  'poster',
  'mandala',
  'isometric',
  'portrait',
  'night',
]);

function pickScene(has: (...w: string[]) => boolean): SceneKind {
  let best: SceneKind = 'landscape';
  let bestScore = 0;
  for (const [scene, keys] of SCENE_RULES) {
    const score = keys.reduce((sum, key) => sum + (has(key) ? (STRONG.has(key) ? 3 : 1) : 0), 0);
    if (score > bestScore) {
      best = scene;
      bestScore = score;
    }
  }
  return best;
}

const QUOTED = [
  /"([^"\n]{1,48})"/g,
  /\u201c([^\u201d\n]{1,48})\u201d/g,
  // Single quotes only around whole words, so "Japan's ... 'JAPAN'" finds JAPAN.
  /(?<![\p{L}\p{N}])'([^'\n]{1,48})'(?![\p{L}\p{N}])/gu,
];

function findQuoted(prompt: string): string[] {
  const found: Array<[number, string]> = [];
  for (const pattern of QUOTED) {
    for (const match of prompt.matchAll(pattern)) {
      const text = (match[1] ?? '').trim();
      if (text && !/^[\s\p{P}]*$/u.test(text)) found.push([match.index, text]);
    }
  }
  return found.sort((a, b) => a[0] - b[0]).map(([, text]) => text);
}

function findLabels(prompt: string): string[] {
  const steps = [
    ...prompt.matchAll(/(?:^|\s)\d{1,2}[.)]\s+(\p{Lu}[\p{L}-]*(?:\s\p{Lu}[\p{L}-]*)?)/gu),
  ]
    .map((m) => m[1] ?? '')
    .filter(Boolean);
  if (steps.length >= 2) return steps.slice(0, 8);
  const slash = /(\p{L}+(?:\/\p{L}+)+)/u.exec(prompt);
  if (slash?.[1]) return slash[1].split('/').slice(0, 8);
  return [];
}

function findTitle(prompt: string): string | undefined {
  // A capitalised run that does not start a sentence, e.g. "Apollo 11".
  const match = /[^.!?:\s]\s+((?:\p{Lu}[\p{L}']+)(?:\s(?:\p{Lu}[\p{L}']+|\d+))*)/u.exec(prompt);
  return match?.[1];
}

export function analysePrompt(prompt: string): PromptFeatures {
  const words = new Set(prompt.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  const has = (...candidates: string[]) =>
    candidates.some((w) => words.has(w) || words.has(`${w}s`) || words.has(`${w}es`));
  const scene = pickScene(has);
  const colours: Hsl[] = [];
  for (const word of prompt.toLowerCase().match(/\p{L}+/gu) ?? []) {
    const colour = COLOUR_WORDS[word];
    if (colour && !colours.includes(colour)) colours.push(colour);
  }
  return {
    scene,
    words,
    has,
    quoted: findQuoted(prompt),
    labels: findLabels(prompt),
    title: findTitle(prompt),
    colours,
    promptHash: hashString(prompt),
  };
}
