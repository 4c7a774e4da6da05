import type { Arena } from '@arena/core';

// The web app imports only types from @arena/core, so the few values it needs are restated here;
// `satisfies` makes the compiler flag any drift from the core list.
export const ARENAS = ['text-to-image', 'image-editing'] as const satisfies readonly Arena[];

export const ARENA_LABELS = {
  'text-to-image': 'Text to image',
  'image-editing': 'Image editing',
} as const satisfies Record<Arena, string>;

export const DEFAULT_ARENA: Arena = 'text-to-image';

export function isArena(value: string | null | undefined): value is Arena {
  return (ARENAS as readonly string[]).includes(value ?? '');
}
