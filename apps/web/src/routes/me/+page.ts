import { redirect } from '@sveltejs/kit';
import { DEFAULT_ARENA } from '$lib/arenas';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ url }) => {
  redirect(307, `/me/${DEFAULT_ARENA}${url.search}`);
};
