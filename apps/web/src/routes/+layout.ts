// A single-page app: the API serves index.html for every path that is not /api.
export const ssr = false;
export const prerender = false;
