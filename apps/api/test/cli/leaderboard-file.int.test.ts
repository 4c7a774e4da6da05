import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  computeLeaderboards,
  createRng,
  VoteTally,
  type ExportedVote,
  type ExportOutcome,
} from '@arena/core';
import { SOURCE_NODE_ARGS } from '@arena/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const ROUNDS = 20;

/**
 * `pnpm arena leaderboard --votes FILE` on files that are not a clean export: line breaks,
 * blank lines, a missing last break, stdin, names outside ASCII across read chunks, and bad
 * lines named by number. (open-data.int.test.ts checks a real export against the snapshots.)
 */
describe('leaderboard --votes FILE', () => {
  let dir: string;
  const votes: ExportedVote[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'arena-leaderboard-file-'));
    // Enough votes (~250 kB) to span several 64 KiB reads, with names of two- and three-byte
    // characters, so that some character straddles a read boundary.
    const rng = createRng('leaderboard-file');
    const models = ['alpha-image', 'beta-diffusion', 'gamma-ñandú', 'delta-✓-draw', 'epsilon'];
    const outcomes: ExportOutcome[] = ['model_a', 'model_b', 'tie', 'both_bad'];
    for (let i = 0; i < 1_500; i += 1) {
      const a = rng.nextInt(models.length);
      const b = (a + 1 + rng.nextInt(models.length - 1)) % models.length;
      votes.push({
        arena: i % 5 === 0 ? 'image-editing' : 'text-to-image',
        category: ['portraits', 'logos', 'café'][i % 3]!,
        challenge: i % 2 ? 'rainy-street' : null,
        model_a: models[a]!,
        model_b: models[b]!,
        outcome: outcomes[rng.nextInt(outcomes.length)]!,
        voter: 'é'.repeat(40) + String(i),
        created_at: new Date(Date.UTC(2025, 0, 1) + i * 1_000).toISOString(),
      });
    }
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const lines = () => votes.map((vote) => JSON.stringify(vote));

  /** What the CLI must print: core's own tally and fit of the same votes. */
  function expected() {
    const tally = new VoteTally();
    for (const vote of votes) tally.add(vote);
    const boards = computeLeaderboards(tally.counts(), { rounds: ROUNDS, seed: 1 });
    return boards.map((board) => ({
      arena: board.arena,
      category: board.category,
      votes: board.votes,
      rows: board.rows.map((row) => ({
        model: row.model,
        rating: row.rating,
        ci_low: row.low,
        ci_high: row.high,
        rank: row.rank,
        votes: row.votes,
      })),
    }));
  }

  async function leaderboardOf(name: string, text: string) {
    const file = join(dir, name);
    await writeFile(file, text);
    const run = await runCli(['leaderboard', '--votes', file, '--bootstrap', String(ROUNDS)]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout).leaderboards;
  }

  it('reads LF, CRLF, blank lines, a byte order mark and a last line without a break alike', async () => {
    const want = expected();
    expect(want.length).toBe(2 + 2 * 3); // two arenas overall, three categories in each
    expect(await leaderboardOf('lf.jsonl', lines().join('\n') + '\n')).toEqual(want);
    expect(await leaderboardOf('crlf.jsonl', lines().join('\r\n') + '\r\n')).toEqual(want);
    const untidy = '\uFEFF\n' + lines().join('\n\n  \n') + '\r\n\n';
    expect(await leaderboardOf('untidy.jsonl', untidy)).toEqual(want);
    expect(await leaderboardOf('no-break.jsonl', lines().join('\n'))).toEqual(want);
  });

  it('reads stdin with -', async () => {
    const child = spawn(
      process.execPath,
      [
        ...SOURCE_NODE_ARGS,
        'apps/api/src/cli/main.ts',
        'leaderboard',
        '--votes',
        '-',
        '--bootstrap',
        String(ROUNDS),
      ],
      { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.stdin.end(lines().join('\n') + '\n');
    expect(await exited).toBe(0);
    expect(JSON.parse(stdout).leaderboards).toEqual(expected());
  });

  async function failure(name: string, text: string) {
    const file = join(dir, name);
    await writeFile(file, text);
    const run = await runCli(['leaderboard', '--votes', file, '--bootstrap', String(ROUNDS)]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    return { file, stderr: run.stderr.trim() };
  }

  it('names the line of a bad vote, counting blank lines, and prints nothing else', async () => {
    const text = [...lines().slice(0, 2), '', lines()[2], '{"model_a":"a","model_b":"b"}'];
    const bad = await failure('bad.jsonl', text.join('\r\n') + '\r\n' + lines()[3]);
    expect(bad.stderr).toBe(
      `${bad.file}:5: not a vote line (outcome must be one of model_a, model_b, tie, both_bad)`,
    );
    const self = await failure(
      'self.jsonl',
      JSON.stringify({ ...votes[0], model_b: 'epsilon', model_a: 'epsilon' }),
    );
    expect(self.stderr).toBe(
      `${self.file}:1: not a vote line (model_a and model_b are the same model (epsilon))`,
    );
  });

  it('names a truncated last line', async () => {
    const text = lines().join('\n') + '\n' + lines()[0]!.slice(0, 50);
    const truncated = await failure('truncated.jsonl', text);
    expect(truncated.stderr).toMatch(
      new RegExp(`^${truncated.file}:${votes.length + 1}: not a vote line \\(.*JSON.*\\)$`),
    );
  });
});
