import { loadVotePage } from '$lib/vote/load';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ params, url, fetch }) => loadVotePage(params.arena, url, fetch);
