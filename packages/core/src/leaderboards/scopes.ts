/**
 * A leaderboard's scope in names a reader (or an export) knows: the arena, and either nothing
 * more (overall), a category slug, or a challenge slug. Everything that must come out the same
 * in the recompute job and in a recompute from the open-data export is keyed by these names,
 * never by database ids, which an export does not carry.
 */
export interface ScopeKey {
  /** Null when the votes carry no arena (an export filtered to one arena, say). */
  arena: string | null;
  category: string | null;
  challenge: string | null;
}

export type ScopeKind = 'overall' | 'category' | 'challenge';

export function scopeKind(key: ScopeKey): ScopeKind {
  return key.challenge !== null ? 'challenge' : key.category !== null ? 'category' : 'overall';
}

/** A stable text form, used as a map key and to derive each scope's bootstrap seed. */
export function scopeLabel(key: ScopeKey): string {
  return `${key.arena ?? ''}/${key.category ?? ''}/${key.challenge ?? ''}`;
}

const KIND_ORDER: Record<ScopeKind, number> = { overall: 0, category: 1, challenge: 2 };

/** Code-unit order: the same on every machine, unlike localeCompare. */
export function compareText(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Arena, then overall before categories before challenges, then by slug. */
export function compareScopes(x: ScopeKey, y: ScopeKey): number {
  return (
    compareText(x.arena ?? '', y.arena ?? '') ||
    KIND_ORDER[scopeKind(x)] - KIND_ORDER[scopeKind(y)] ||
    compareText(x.category ?? '', y.category ?? '') ||
    compareText(x.challenge ?? '', y.challenge ?? '')
  );
}
