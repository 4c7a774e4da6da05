import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestArena } from './arena';
import type { TestResponse } from './client';
import { checkAgainstContract } from './contract-check';

/**
 * A multipart request to the app, as the console's upload sends it, checked against the
 * contract like every TestClient response.
 */
export async function postForm(
  arena: TestArena,
  path: string,
  fields: Record<string, string | Blob>,
  headers: Record<string, string>,
): Promise<TestResponse> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (value instanceof Blob)
      form.append(name, value, name === 'sourceImage' ? 'upload.png' : name);
    else form.append(name, value);
  }
  const response = await arena.app.request(path, { method: 'POST', headers, body: form });
  const type = response.headers.get('content-type') ?? '';
  const body = type.includes('application/json')
    ? await response.json()
    : Buffer.from(await response.arrayBuffer());
  checkAgainstContract('POST', path, { status: response.status, contentType: type, body });
  return { status: response.status, headers: response.headers, body };
}

/** A file part for FormData. */
export const file = (bytes: Uint8Array, type = 'image/png') =>
  new Blob([bytes as Uint8Array<ArrayBuffer>], { type });

/** Every file under a folder (the image store's objects), counted. */
export async function countFiles(dir: string): Promise<number> {
  let count = 0;
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    if (entry.isDirectory()) count += await countFiles(join(dir, entry.name));
    else count += 1;
  }
  return count;
}

export interface SseEvent {
  event: string;
  data: any;
}

/**
 * Reads a server-sent event stream event by event: `next()` resolves with the next event
 * (comment lines skipped), or undefined once the stream has ended.
 */
export function sseReader(response: Response) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let ended = false;
  return {
    async next(): Promise<SseEvent | undefined> {
      for (;;) {
        const boundary = buffer.indexOf('\n\n');
        if (boundary >= 0) {
          const block = buffer.slice(0, boundary);
          buffer = buffer.slice(boundary + 2);
          const lines = block.split('\n').filter((line) => !line.startsWith(':'));
          if (lines.length === 0) continue;
          const event = lines.find((l) => l.startsWith('event: '))?.slice(7) ?? 'message';
          const data = lines
            .filter((l) => l.startsWith('data: '))
            .map((l) => l.slice(6))
            .join('\n');
          return { event, data: JSON.parse(data) };
        }
        if (ended) return undefined;
        const { done, value } = await reader.read();
        if (done) ended = true;
        else buffer += decoder.decode(value, { stream: true });
      }
    },
    cancel: () => reader.cancel(),
  };
}
