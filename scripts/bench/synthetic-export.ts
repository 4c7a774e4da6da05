import { open } from 'node:fs/promises';
import { createRng, type Rng } from '@arena/core';

/**
 * A synthetic open-data vote export (JSON lines, as `exportVotes` writes them) for the
 * leaderboard CLI benchmark: ~50 models of spread-out strength in the two arenas, a few
 * categories each, challenges named or null (open), hashed voters, ties and both-bad. The same
 * options always write the same bytes, so runs and machines compare.
 */
export interface SyntheticExportOptions {
  votes: number;
  models?: number;
  seed?: string;
}

/** Arena, its categories, and its share of the votes. */
const ARENA_PLAN = [
  {
    arena: 'text-to-image',
    share: 0.75,
    categories: ['portraits', 'landscapes', 'logos', 'text-rendering'],
  },
  { arena: 'image-editing', share: 0.25, categories: ['restyle', 'object-removal'] },
];
const CHALLENGES_PER_CATEGORY = 12;
/** Challenges past this index are still open: the export names them null. */
const CLOSED_PER_CATEGORY = 8;
const VOTERS = 20_000;
const TIE_SHARE = 0.1;
const BOTH_BAD_SHARE = 0.04;
/** Strengths spread over about 600 Elo (natural-log units), as public boards are. */
const STRENGTH_SPREAD = 3.5;
/** Lines written per file write: ~1 MB, enough to make writes cheap. */
const LINES_PER_WRITE = 4_000;

const hex32 = (rng: Rng) =>
  Array.from({ length: 4 }, () => rng.nextUint32().toString(16).padStart(8, '0')).join('');

function modelSlugs(count: number): string[] {
  const families = ['flux', 'imagen', 'ideogram', 'recraft', 'kolors', 'sdxl', 'dalle', 'qwen'];
  return Array.from(
    { length: count },
    (_, i) => `${families[i % families.length]}-${1 + Math.floor(i / families.length)}-pro`,
  );
}

/** Writes the export to `file`; returns how many bytes it holds. */
export async function writeSyntheticExport(
  file: string,
  options: SyntheticExportOptions,
): Promise<number> {
  const rng = createRng(options.seed ?? 'leaderboard-cli-bench');
  const models = modelSlugs(options.models ?? 50);
  const strength = models.map(() => (rng.nextFloat() - 0.5) * STRENGTH_SPREAD);
  // Each arena has most models but not all, so arenas differ in their model sets.
  const arenas = ARENA_PLAN.map((plan) => ({
    ...plan,
    models: models.map((_, i) => i).filter(() => rng.nextFloat() < 0.85),
    challenges: plan.categories.map((category) =>
      Array.from({ length: CHALLENGES_PER_CATEGORY }, (_, k) =>
        k < CLOSED_PER_CATEGORY ? `"${category}-${k + 1}"` : 'null',
      ),
    ),
  }));
  const voters = Array.from({ length: VOTERS }, () => hex32(rng));
  const start = Date.UTC(2025, 0, 1);
  const handle = await open(file, 'w');
  let bytes = 0;
  try {
    let lines: string[] = [];
    for (let i = 0; i < options.votes; i += 1) {
      const plan = rng.nextFloat() < arenas[0]!.share ? arenas[0]! : arenas[1]!;
      const c = rng.nextInt(plan.categories.length);
      const left = plan.models[rng.nextInt(plan.models.length)]!;
      let right = left;
      while (right === left) right = plan.models[rng.nextInt(plan.models.length)]!;
      const u = rng.nextFloat();
      const pLeft = 1 / (1 + Math.exp(strength[right]! - strength[left]!));
      const outcome =
        u < TIE_SHARE
          ? 'tie'
          : u < TIE_SHARE + BOTH_BAD_SHARE
            ? 'both_bad'
            : rng.nextFloat() < pLeft
              ? 'model_a'
              : 'model_b';
      const challenge = plan.challenges[c]![rng.nextInt(CHALLENGES_PER_CATEGORY)]!;
      const createdAt = new Date(start + i * 1_000 + rng.nextInt(1_000)).toISOString();
      // Built by hand, field for field in ExportedVote's order: every value is plain ASCII
      // without quotes or backslashes, so this is exactly JSON.stringify's output, 5x faster.
      lines.push(
        `{"arena":"${plan.arena}","category":"${plan.categories[c]}","challenge":${challenge},` +
          `"model_a":"${models[left]}","model_b":"${models[right]}","outcome":"${outcome}",` +
          `"voter":"${voters[rng.nextInt(VOTERS)]}","created_at":"${createdAt}"}\n`,
      );
      if ((i + 1) % LINES_PER_WRITE === 0 || i + 1 === options.votes) {
        // Latin-1 is UTF-8 for this ASCII text, and encodes several times faster.
        bytes += (await handle.write(Buffer.from(lines.join(''), 'latin1'))).bytesWritten;
        lines = [];
      }
    }
  } finally {
    await handle.close();
  }
  return bytes;
}
