import {
  findChallengePageSubject,
  findModelPageSubject,
  type ServiceContext,
} from '@arena/services';
import { matchAppRoute, type AppRoute } from './app-routes';
import { NOT_FOUND_META, pageMeta, type PageMeta, type PageSubject } from './page-meta';

/** What the server answers for a path of the web app. */
export interface ServedPage {
  status: 200 | 404;
  route: AppRoute | null;
  meta: PageMeta;
}

/** Known and unknown slugs are remembered this long: a shared link is often opened in bursts. */
const CACHE_MS = 10_000;
const CACHE_SIZE = 1_000;
/** Longer than any slug the catalog makes: answered 404 without asking the database. */
const MAX_SLUG = 200;

type Lookup = (kind: PageSubject['kind'], slug: string) => Promise<PageSubject | null>;

/** Looks slugs up through the services, with a short cache in front. */
export function subjectLookup(ctx: Pick<ServiceContext, 'db'>, now = Date.now): Lookup {
  const cache = new Map<string, { at: number; subject: PageSubject | null }>();
  return async (kind, slug) => {
    if (slug.length > MAX_SLUG) return null;
    const key = `${kind}\u0000${slug}`;
    const hit = cache.get(key);
    if (hit && now() - hit.at < CACHE_MS) return hit.subject;
    const subject: PageSubject | null =
      kind === 'model'
        ? await findModelPageSubject(ctx, { slug }).then((value) => value && { kind, value })
        : await findChallengePageSubject(ctx, { slug }).then((value) => value && { kind, value });
    // Oldest first out: a Map iterates in insertion order.
    cache.delete(key);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(key, { at: now(), subject });
    return subject;
  };
}

/**
 * The status and tags of a decoded path: 404 for a path that is no page of the app, or that
 * names a model or challenge that does not exist (without a lookup, such pages answer 200).
 */
export async function servedPage(path: string, lookup: Lookup | undefined): Promise<ServedPage> {
  const match = matchAppRoute(path);
  if (!match) return { status: 404, route: null, meta: NOT_FOUND_META };
  let subject: PageSubject | null = null;
  if (match.subject && lookup) {
    let found: PageSubject | null | undefined;
    try {
      found = await lookup(match.subject.kind, match.subject.slug);
    } catch {
      // The database is unreachable: the page still loads, and the app says what failed.
      found = undefined;
    }
    if (found === null) return { status: 404, route: null, meta: NOT_FOUND_META };
    subject = found ?? null;
  }
  return { status: 200, route: match.route, meta: pageMeta(match, subject) };
}
