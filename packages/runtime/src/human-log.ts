import type { DestinationStream } from 'pino';

const LEVELS: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};
/** Fields every line has, or that the short line shows in its own place. */
const OMITTED = new Set(['level', 'time', 'pid', 'hostname', 'name', 'msg', 'err']);

function value(v: unknown): string {
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** One JSON line of pino as a short line: `12:03:04 warn  message  key=value`. */
export function humanLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.endsWith('\n') ? json : `${json}\n`;
  }
  const time = new Date(typeof entry.time === 'number' ? entry.time : Date.now());
  const clock = time.toTimeString().slice(0, 8);
  const level = (LEVELS[entry.level as number] ?? 'info').padEnd(5);
  const fields = Object.entries(entry)
    .filter(([key]) => !OMITTED.has(key))
    .map(([key, v]) => `${key}=${value(v)}`);
  const err = entry.err as { message?: string } | undefined;
  if (err?.message) fields.push(`error=${value(err.message)}`);
  const rest = fields.length > 0 ? `  ${fields.join(' ')}` : '';
  return `${clock} ${level} ${String(entry.msg ?? '')}${rest}\n`;
}

/**
 * The embedded terminal's log output: short human lines instead of JSON. It only ever sees
 * what reaches it past the level (start-up, warnings, errors; per-request and per-job lines
 * are debug there), so parsing each line again costs nothing that matters.
 */
export function humanOutput(stream: NodeJS.WritableStream = process.stdout): DestinationStream {
  return { write: (line: string) => void stream.write(humanLine(line)) };
}
