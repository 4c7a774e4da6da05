import { loadChallengePage } from '$lib/challenges/load';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ params, fetch }) => loadChallengePage(params.slug, fetch);
