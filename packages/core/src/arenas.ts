/** The arenas the product runs. An arena is a task whose outputs are compared with each other. */
export const ARENAS = ['text-to-image', 'image-editing'] as const;
export type Arena = (typeof ARENAS)[number];

export const ARENA_LABELS: Record<Arena, string> = {
  'text-to-image': 'Text to image',
  'image-editing': 'Image editing',
};

export function isArena(value: string): value is Arena {
  return (ARENAS as readonly string[]).includes(value);
}

/** Rating scope key for the arena as a whole; category scopes use the category id. */
export const OVERALL_SCOPE = 'overall';
