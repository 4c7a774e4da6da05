import { loadModelPage } from '$lib/models/load';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ params, fetch }) => loadModelPage(params.slug, fetch);
