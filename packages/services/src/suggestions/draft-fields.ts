import { randomBytes } from 'node:crypto';

const TITLE_MAX = 80;

/** A draft's slug from a suggested prompt: its first words, and a random suffix (unique). */
export function slugFromPrompt(prompt: string): string {
  const words = prompt
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
    .slice(0, 6);
  const base = words.join('-').slice(0, 60).replace(/-+$/, '') || 'suggestion';
  return `${base}-${randomBytes(3).toString('hex')}`;
}

/** A draft's title from a suggested prompt: the prompt, cut at a word if it is long. */
export function titleFromPrompt(prompt: string): string {
  const text = prompt.replace(/\s+/g, ' ').trim();
  if (text.length <= TITLE_MAX) return text;
  const cut = text.slice(0, TITLE_MAX - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > TITLE_MAX / 2 ? cut.slice(0, space) : cut}…`;
}
