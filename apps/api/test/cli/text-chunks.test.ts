import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textChunks } from '../../src/cli/text-chunks';

/** A file stream reads 64 KiB at a time. */
const READ = 64 * 1024;

describe('textChunks', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'arena-text-chunks-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function chunksOf(text: string): Promise<string[]> {
    const file = join(dir, 'votes.jsonl');
    await writeFile(file, text);
    const chunks: string[] = [];
    for await (const chunk of textChunks(file)) chunks.push(chunk);
    return chunks;
  }

  it('decodes characters cut by a read, and cuts chunks after line breaks only', async () => {
    // 'é' (2 bytes) across the first read's end, '✓' (3 bytes) across the second's, a line
    // longer than a read, plain ASCII chunks, and a last line without a break.
    const text =
      'a'.repeat(READ - 1) +
      'é\n' +
      'b'.repeat(READ - 4) +
      '✓✓\n' +
      'c'.repeat(3 * READ) +
      '\n' +
      'plain ascii line\n'.repeat(10_000) +
      'last ñ';
    expect(Buffer.byteLength(text.slice(0, READ))).toBeGreaterThan(READ);
    const chunks = await chunksOf(text);
    expect(chunks.join('')).toBe(text);
    expect(chunks.slice(0, -1).every((chunk) => chunk.endsWith('\n'))).toBe(true);
    expect(chunks.at(-1)).toMatch(/last ñ$/);
    expect(chunks.length).toBeGreaterThan(4);
  });

  it('gives nothing for an empty file and one chunk for a line without a break', async () => {
    expect(await chunksOf('')).toEqual([]);
    expect(await chunksOf('{"a":1}')).toEqual(['{"a":1}']);
  });
});
