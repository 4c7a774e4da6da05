import { isArena } from '@arena/core';

/**
 * Which navigation item a page belongs to: the served shell highlights it before the app runs.
 * The operator console has a header of its own, so its shell shows the skeleton alone.
 */
export type Section = 'vote' | 'leaderboard' | 'models' | 'challenges' | 'me' | 'console' | 'none';

/** The placeholder the served shell shows in place of a page's content until the app renders. */
export type Skeleton = 'vote' | 'list' | 'article';

/** A slug parameter the server looks up before it answers 200. */
export type Subject = 'model' | 'challenge';

export interface AppRoute {
  /** The SvelteKit route id: the page's folder under apps/web/src/routes. */
  id: string;
  section: Section;
  skeleton: Skeleton;
}

/**
 * Every page of the web app. The server answers 404 for any other path (with the same
 * index.html, so the app shows its friendly error page), and a test compares this list with
 * the routes folder, so that a page added there cannot be answered 404 here.
 */
export const APP_ROUTES: readonly AppRoute[] = [
  { id: '/', section: 'vote', skeleton: 'vote' },
  { id: '/vote', section: 'vote', skeleton: 'vote' },
  { id: '/vote/[arena=arena]', section: 'vote', skeleton: 'vote' },
  { id: '/leaderboard', section: 'leaderboard', skeleton: 'list' },
  { id: '/leaderboard/[arena=arena]', section: 'leaderboard', skeleton: 'list' },
  { id: '/models', section: 'models', skeleton: 'list' },
  { id: '/models/[slug]', section: 'models', skeleton: 'article' },
  { id: '/challenges', section: 'challenges', skeleton: 'list' },
  { id: '/challenges/[slug]', section: 'challenges', skeleton: 'article' },
  { id: '/methodology', section: 'none', skeleton: 'article' },
  { id: '/me', section: 'me', skeleton: 'list' },
  { id: '/me/[arena=arena]', section: 'me', skeleton: 'list' },
  { id: '/suggest', section: 'none', skeleton: 'article' },
  { id: '/console', section: 'console', skeleton: 'list' },
  { id: '/console/login', section: 'console', skeleton: 'article' },
  { id: '/console/audit', section: 'console', skeleton: 'list' },
  { id: '/console/catalog', section: 'console', skeleton: 'list' },
  { id: '/console/catalog/categories', section: 'console', skeleton: 'list' },
  { id: '/console/catalog/offerings', section: 'console', skeleton: 'list' },
  { id: '/console/catalog/providers', section: 'console', skeleton: 'list' },
  { id: '/console/challenges', section: 'console', skeleton: 'list' },
  { id: '/console/challenges/new', section: 'console', skeleton: 'article' },
  { id: '/console/challenges/[id]', section: 'console', skeleton: 'article' },
  { id: '/console/moderation', section: 'console', skeleton: 'list' },
  { id: '/console/moderation/suggestions', section: 'console', skeleton: 'list' },
  { id: '/console/tokens', section: 'console', skeleton: 'list' },
];

/** The app's param matchers (apps/web/src/params), restated: the server cannot import them. */
const MATCHERS: Record<string, (value: string) => boolean> = { arena: isArena };

/** The slug parameters that name a thing in the database, by route. */
const SUBJECTS: Record<string, Subject> = {
  '/models/[slug]': 'model',
  '/challenges/[slug]': 'challenge',
};

export interface RouteMatch {
  route: AppRoute;
  params: Record<string, string>;
  /** The thing the page is about, still to be looked up. */
  subject: { kind: Subject; slug: string } | null;
}

interface Compiled {
  route: AppRoute;
  segments: Array<{ literal: string } | { param: string; matcher: string | null }>;
}

const compiled: Compiled[] = APP_ROUTES.map((route) => ({
  route,
  segments: route.id
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      const param = /^\[(\w+)(?:=(\w+))?\]$/.exec(segment);
      return param ? { param: param[1]!, matcher: param[2] ?? null } : { literal: segment };
    }),
}));

/**
 * The app route a decoded path belongs to, or null. Literal routes win over parameters, as in
 * SvelteKit (`/console/challenges/new` is not a challenge id); a trailing slash is ignored.
 */
export function matchAppRoute(path: string): RouteMatch | null {
  const parts = path.split('/').filter(Boolean);
  let best: { match: RouteMatch; literals: number } | null = null;
  for (const { route, segments } of compiled) {
    if (segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let literals = 0;
    const fits = segments.every((segment, i) => {
      const part = parts[i]!;
      if ('literal' in segment) {
        literals += 1;
        return segment.literal === part;
      }
      if (segment.matcher && !MATCHERS[segment.matcher]?.(part)) return false;
      params[segment.param] = part;
      return true;
    });
    if (!fits || (best && best.literals >= literals)) continue;
    const kind = SUBJECTS[route.id];
    const slug = params.slug;
    best = {
      match: { route, params, subject: kind && slug ? { kind, slug } : null },
      literals,
    };
  }
  return best?.match ?? null;
}
