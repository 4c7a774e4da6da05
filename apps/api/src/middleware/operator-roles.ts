/**
 * Which role a path under /api/admin needs. Moderators moderate (images, votes, voters) and
 * decide suggestions; everything else (catalog, challenges, operators, tokens, audit, queues)
 * is for admins. The session routes serve whoever signs in.
 */
const MODERATOR_AREAS = ['/api/admin/moderation', '/api/admin/suggestions'];
export const SESSION_PATH = '/api/admin/session';

export function roleMayCall(role: 'admin' | 'moderator', path: string): boolean {
  if (role === 'admin' || path === SESSION_PATH) return true;
  return MODERATOR_AREAS.some((area) => path === area || path.startsWith(`${area}/`));
}
