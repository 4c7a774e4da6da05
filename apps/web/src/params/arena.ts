import type { Arena } from '@arena/core';
import { isArena } from '$lib/arenas';

export function match(param: string): param is Arena {
  return isArena(param);
}
