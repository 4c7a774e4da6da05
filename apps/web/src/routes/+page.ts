import { DEFAULT_ARENA, isArena } from '$lib/arenas';
import { loadVotePage } from '$lib/vote/load';
import type { PageLoad } from './$types';

/** The home page is the vote page; `?arena=image-editing` picks the other arena. */
export const load: PageLoad = ({ url, fetch }) => {
  const requested = url.searchParams.get('arena');
  return loadVotePage(isArena(requested) ? requested : DEFAULT_ARENA, url, fetch);
};
