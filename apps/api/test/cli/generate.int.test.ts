import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeOpenAiServer, fakePng } from '@arena/fake-providers';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';

const KEY = 'cli-test-key-7f3a9c01d2e4';

const arena = (args: string[]) => runCli(args, { CLI_TEST_KEY: KEY });

/** `pnpm arena generate`: try a provider from the command line, one call, one image. */
describe('arena generate', () => {
  let server: FakeOpenAiServer;
  let dir: string;

  beforeAll(async () => {
    server = await new FakeOpenAiServer({ apiKey: KEY }).start();
    dir = await mkdtemp(join(tmpdir(), 'arena-cli-'));
  });
  afterAll(async () => {
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const base = () => [
    'generate',
    '--kind',
    'openai-compatible',
    '--base-url',
    server.baseUrl,
    '--api-key-env',
    'CLI_TEST_KEY',
    '--model',
    'gpt-image-1',
  ];

  it('writes the normalised image and prints one JSON line about the call', async () => {
    const out = join(dir, 'out.webp');
    const run = await arena([
      ...base(),
      '--prompt',
      'A red bicycle in the rain',
      '--size',
      '1024x1536',
      '--out',
      out,
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const report = JSON.parse(lines[0]!);
    expect(report).toMatchObject({
      size_requested: '1024x1536',
      size_used: '1024x1536',
      http_status: 200,
      error_class: null,
      cost: null,
    });
    expect(report.latency_ms).toBeGreaterThanOrEqual(report.ttfb_ms);
    expect(report.bytes).toBeGreaterThan(0);
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining(['provider_request_id', 'ttfb_ms', 'latency_ms']),
    );
    const meta = await sharp(await readFile(out)).metadata();
    expect(meta.format).toBe('webp');
    const [request] = server.requestsOf('generate');
    expect(request!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(run.stdout).not.toContain(KEY);
  });

  it('sends the source image for an edit', async () => {
    const image = join(dir, 'source.png');
    await sharp(await fakePng(3)).toFile(image);
    const run = await arena([
      ...base(),
      '--prompt',
      'Make it night',
      '--image',
      image,
      '--aspect-ratio',
      '1:1',
      '--resolution',
      '1K',
      '--out',
      join(dir, 'edit.webp'),
    ]);
    expect(run.code).toBe(0);
    const [edit] = server.requestsOf('edit');
    expect(edit!.form!.some((part) => part.name.startsWith('image') && part.filename)).toBe(true);
  });

  it('reports a refusal with its error class and exit code 1', async () => {
    server.scenario.script({ kind: 'content_policy', reason: 'rejected by the safety system' });
    const run = await arena([
      ...base(),
      '--prompt',
      'something refused',
      '--out',
      join(dir, 'no.webp'),
    ]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout.trim());
    expect(report.error_class).toBe('content_policy');
    expect(report.http_status).toBe(400);
    expect(run.stdout + run.stderr).not.toContain(KEY);
  });

  it('explains its usage and refuses a missing key variable', async () => {
    const usage = await arena(['generate', '--kind', 'openai-compatible']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('usage: pnpm arena generate');
    const noKey = await arena([
      ...base().slice(0, 5),
      '--api-key-env',
      'NOT_SET_ANYWHERE',
      '--model',
      'm',
      '--prompt',
      'p',
      '--out',
      join(dir, 'x.webp'),
    ]);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('NOT_SET_ANYWHERE is not set');
  });
});
