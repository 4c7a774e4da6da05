import { EXPORT_OUTCOMES, type ExportOutcome } from './open-data';

/** What `pnpm arena leaderboard --votes` needs from a line; other fields are ignored. */
export interface VoteLine {
  model_a: string;
  model_b: string;
  outcome: ExportOutcome;
  /** Absent or null when the export carries none (an export filtered to one arena, say). */
  category?: string | null;
  arena?: string | null;
}

/** Why one line of an export is not a vote line; the reader adds the line number. */
export class VoteLineError extends Error {
  override name = 'VoteLineError';
}

const isOutcome = (value: unknown): value is ExportOutcome =>
  (EXPORT_OUTCOMES as readonly unknown[]).includes(value);

function requiredName(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new VoteLineError(`${field} must be a non-empty string`);
  }
  return value;
}

function optionalName(value: unknown, field: string): string | null {
  return value === undefined || value === null ? null : requiredName(value, field);
}

/**
 * Checks a parsed JSON value by hand: the rules of the zod schema it replaced, plus a model
 * that plays itself, which the fit would otherwise refuse with no line to point at. By hand
 * because it runs once per line, a million times for a large export, and because importing zod
 * took ~0.14 s, most of the CLI's start-up, for this one check.
 */
export function checkVoteLine(value: unknown): VoteLine {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new VoteLineError('expected a JSON object');
  }
  const fields = value as Record<string, unknown>;
  const line: VoteLine = {
    model_a: requiredName(fields.model_a, 'model_a'),
    model_b: requiredName(fields.model_b, 'model_b'),
    outcome: 'tie',
    category: optionalName(fields.category, 'category'),
    arena: optionalName(fields.arena, 'arena'),
  };
  if (!isOutcome(fields.outcome)) {
    throw new VoteLineError(`outcome must be one of ${EXPORT_OUTCOMES.join(', ')}`);
  }
  line.outcome = fields.outcome;
  if (line.model_a === line.model_b) {
    throw new VoteLineError(`model_a and model_b are the same model (${line.model_a})`);
  }
  return line;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const SPACE = 0x20;

/**
 * End of a JSON string starting at `from` (on its opening quote), after the closing quote; -1
 * when it is not a plain one: an escape or a control character (which JSON forbids raw) sends
 * the line to the general path, so this never has to decode anything.
 */
function plainStringEnd(text: string, from: number, end: number): number {
  if (text.charCodeAt(from) !== QUOTE) return -1;
  for (let i = from + 1; i < end; i += 1) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) return i + 1;
    if (code === BACKSLASH || code < SPACE) return -1;
  }
  return -1;
}

/** End of a plain string or `null` at `from`, or -1. */
function plainValueEnd(text: string, from: number, end: number): number {
  if (text.charCodeAt(from) !== 0x6e) return plainStringEnd(text, from, end);
  return text.startsWith('null', from) ? from + 4 : -1;
}

/** The value between `from` and `to` as a name: null, or the string without its quotes. */
const nameAt = (text: string, from: number, to: number): string | null =>
  text.charCodeAt(from) === QUOTE ? text.slice(from + 1, to - 1) : null;

/** Where the value after `key` at `at` starts, or -1 when `key` is not there. */
const after = (text: string, at: number, key: string): number =>
  at >= 0 && text.startsWith(key, at) ? at + key.length : -1;

/**
 * Reads a line written by `exportVotes` without JSON.parse: its keys in the export's order,
 * no white space, values null or strings without escapes. That is every line of a real export,
 * read at a fraction of the cost of parsing it into an object. Returns undefined for anything
 * else (keys reordered, escapes, extra fields, a bad value), which the caller then parses in
 * full, so this path decides nothing that the general one would decide differently.
 *
 * Written out key by key rather than as a loop over the keys: measured on a million lines,
 * the loop with its array of offsets took 1.7 times as long.
 */
export function scanExportLine(text: string, start: number, end: number): VoteLine | undefined {
  const arenaAt = after(text, start, '{"arena":');
  const arenaEnd = arenaAt < 0 ? -1 : plainValueEnd(text, arenaAt, end);
  const categoryAt = after(text, arenaEnd, ',"category":');
  const categoryEnd = categoryAt < 0 ? -1 : plainValueEnd(text, categoryAt, end);
  const challengeAt = after(text, categoryEnd, ',"challenge":');
  const challengeEnd = challengeAt < 0 ? -1 : plainValueEnd(text, challengeAt, end);
  const modelAAt = after(text, challengeEnd, ',"model_a":');
  const modelAEnd = modelAAt < 0 ? -1 : plainStringEnd(text, modelAAt, end);
  const modelBAt = after(text, modelAEnd, ',"model_b":');
  const modelBEnd = modelBAt < 0 ? -1 : plainStringEnd(text, modelBAt, end);
  const outcomeAt = after(text, modelBEnd, ',"outcome":');
  const outcomeEnd = outcomeAt < 0 ? -1 : plainStringEnd(text, outcomeAt, end);
  const voterAt = after(text, outcomeEnd, ',"voter":');
  const voterEnd = voterAt < 0 ? -1 : plainValueEnd(text, voterAt, end);
  const createdAt = after(text, voterEnd, ',"created_at":');
  const createdEnd = createdAt < 0 ? -1 : plainValueEnd(text, createdAt, end);
  if (createdEnd < 0 || createdEnd + 1 !== end || text.charCodeAt(createdEnd) !== 0x7d) {
    return undefined;
  }
  const arena = nameAt(text, arenaAt, arenaEnd);
  const category = nameAt(text, categoryAt, categoryEnd);
  const modelA = text.slice(modelAAt + 1, modelAEnd - 1);
  const modelB = text.slice(modelBAt + 1, modelBEnd - 1);
  const outcome = text.slice(outcomeAt + 1, outcomeEnd - 1);
  // Empty names, an unknown outcome, self-play: left to the general path and its message.
  if (arena === '' || category === '' || modelA === '' || modelB === '' || modelA === modelB) {
    return undefined;
  }
  if (!isOutcome(outcome)) return undefined;
  return { arena, category, model_a: modelA, model_b: modelB, outcome };
}

/**
 * One line of an export (without its line break), `text` from `start` to `end`: the vote, or
 * null for a blank line; throws VoteLineError for anything else.
 */
export function parseVoteLine(text: string, start = 0, end = text.length): VoteLine | null {
  const fast = scanExportLine(text, start, end);
  if (fast) return fast;
  const raw = text.slice(start, end);
  if (raw.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw new VoteLineError((error as Error).message);
  }
  return checkVoteLine(value);
}
