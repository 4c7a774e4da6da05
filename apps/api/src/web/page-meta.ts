import { ARENA_LABELS, type Arena, isArena } from '@arena/core';
import type { ChallengePageSubject, ModelPageSubject } from '@arena/services';
import type { RouteMatch } from './app-routes';

/** What a served page says about itself before the app runs: for crawlers and link previews. */
export interface PageMeta {
  title: string;
  description: string;
  /** An absolute path on this origin, when the page has a public image. */
  image?: string;
  type: 'website' | 'article';
  /** Not worth indexing: error pages and the operator console. */
  noindex?: boolean;
}

export type PageSubject =
  { kind: 'model'; value: ModelPageSubject } | { kind: 'challenge'; value: ChallengePageSubject };

const SITE = 'Arena';
const SITE_DESCRIPTION =
  'Blind-vote arena and Elo leaderboard for AI image models: text to image and image editing.';

const arenaLabel = (value: string | undefined) =>
  value && isArena(value) ? ARENA_LABELS[value as Arena] : ARENA_LABELS['text-to-image'];

/** Shortens long prompts for a preview, at a word where one is near. */
function clip(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

export const NOT_FOUND_META: PageMeta = {
  title: `Not found · ${SITE}`,
  description: 'This page does not exist.',
  type: 'website',
  noindex: true,
};

/** The title, description and preview of a known page. */
export function pageMeta(match: RouteMatch, subject: PageSubject | null): PageMeta {
  const { route, params } = match;
  const page = (title: string, description = SITE_DESCRIPTION): PageMeta => ({
    title: `${title} · ${SITE}`,
    description,
    type: 'website',
  });
  if (subject?.kind === 'model') {
    const { name, creator, description } = subject.value;
    return {
      title: `${name} · ${SITE}`,
      description: clip(
        description ??
          `${name} by ${creator}: its rating from blind votes, results in every closed challenge, providers and prices.`,
      ),
      type: 'article',
    };
  }
  if (subject?.kind === 'challenge') {
    const { title, prompt, arena, status, category, sourceImageId } = subject.value;
    const state = status === 'closed' ? 'Results' : 'Open for voting';
    return {
      title: `${title} · ${SITE}`,
      description: clip(`${state} · ${arenaLabel(arena)} · ${category}. Prompt: ${prompt}`),
      image: sourceImageId ? `/api/source-images/${encodeURIComponent(sourceImageId)}` : undefined,
      type: 'article',
    };
  }
  switch (route.id) {
    case '/':
    case '/vote':
    case '/vote/[arena=arena]':
      return page(
        `Vote: ${arenaLabel(params.arena)}`,
        'Two AI images, one prompt, model names hidden: pick the better one, and see the leaderboard your votes build.',
      );
    case '/leaderboard':
    case '/leaderboard/[arena=arena]':
      return page(
        `${arenaLabel(params.arena)} leaderboard`,
        `AI image models ranked by blind pairwise votes in ${arenaLabel(params.arena).toLowerCase()}: Bradley-Terry ratings on the Elo scale with 95% intervals.`,
      );
    case '/models/[slug]':
      return { ...page('Model'), type: 'article' };
    case '/challenges/[slug]':
      return { ...page('Challenge'), type: 'article' };
    case '/models':
      return page(
        'Models',
        'Every AI image model in the arena, with its rating, votes and price: sortable and filterable by arena, creator and category.',
      );
    case '/challenges':
      return page(
        'Challenges',
        'The prompts every model answers: open challenges with their progress, and closed ones with their winner.',
      );
    case '/methodology':
      return {
        ...page(
          'How the ratings work',
          'How Arena turns blind votes into ratings: the Bradley-Terry fit on the Elo scale, bootstrap intervals, ranks, and which votes count.',
        ),
        type: 'article',
      };
    case '/me':
    case '/me/[arena=arena]':
      return { ...page('My votes'), noindex: true };
    case '/suggest':
      return page('Suggest a challenge');
    default:
      return { ...page('Console'), noindex: true };
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe inside an element or a double-quoted attribute. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** The tags for a page's head, every value escaped; `origin` makes URLs absolute. */
export function metaTags(meta: PageMeta, origin: string, path: string): string {
  const tag = (attribute: 'name' | 'property', key: string, value: string) =>
    `<meta ${attribute}="${key}" content="${escapeHtml(value)}" />`;
  const url = origin + path;
  const tags = [
    `<title>${escapeHtml(meta.title)}</title>`,
    tag('name', 'description', meta.description),
    tag('property', 'og:site_name', SITE),
    tag('property', 'og:title', meta.title),
    tag('property', 'og:description', meta.description),
    tag('property', 'og:type', meta.type),
    tag('property', 'og:url', url),
    tag('name', 'twitter:card', meta.image ? 'summary_large_image' : 'summary'),
    tag('name', 'twitter:title', meta.title),
    tag('name', 'twitter:description', meta.description),
  ];
  if (meta.image) {
    tags.push(tag('property', 'og:image', origin + meta.image));
    tags.push(tag('name', 'twitter:image', origin + meta.image));
  }
  if (meta.noindex) tags.push(tag('name', 'robots', 'noindex'));
  if (!meta.noindex) tags.push(`<link rel="canonical" href="${escapeHtml(url)}" />`);
  return tags.join('\n    ');
}
