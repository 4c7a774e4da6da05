/**
 * `pnpm bench`: the hot paths beside their peers, each alternating ours and the peer, medians
 * and ratios in one table, also written to bench/results/latest.json. docs/PERFORMANCE.md
 * says what each row measures and how to read it.
 *
 *   pnpm bench [--rounds N] [--only NAME[,NAME…]]
 *
 * NAME: hot (battle and vote vs pgbench), http (cheapest JSON route and health vs bare
 * node:http), queue (vs bare BullMQ), image (battle image vs lookup + file read), cli
 * (leaderboard from a 1M-vote export vs numpy), battles (battle issue at four catalog sizes),
 * recompute (the recompute job at 100k votes), recompute-1m (at 1M; not in the default run),
 * embedded (100 voters on the embedded default for 60 s), web (the vote page's JavaScript, gzip
 * and brotli, and the time from Next to the next battle on screen, in Chromium).
 */
import { parseArgs } from 'node:util';
import { benchBattleImage } from './bench/battle-image';
import { benchBattleIssue } from './bench/battle-issue';
import { benchEmbeddedVoters } from './bench/embedded-voters';
import { machine, tableRows, writeLatest, type BenchResult } from './bench/harness';
import { benchHotPaths } from './bench/hot-paths';
import { benchHttpJson } from './bench/http-json';
import { benchLeaderboardCli } from './bench/leaderboard-cli';
import { benchQueue } from './bench/queue';
import { benchRecompute, RECOMPUTE_SIZES } from './bench/recompute';
import { benchWebVote } from './bench/web-vote';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    only: { type: 'string' },
  },
});
const rounds = Number(values.rounds);

/** Battle issue at each catalog size; the largest's p50 is held against the smallest's. */
async function battleSizes(): Promise<BenchResult[]> {
  const sizes = await benchBattleIssue();
  const base = sizes[0]!.p50Ms;
  return sizes.map((size, i) => ({
    id: `battles.issue.${size.openAnswers}`,
    path: `battle issue (service), 1 connection, ${size.openAnswers.toLocaleString('en-US')} open answers`,
    unit: 'ms p50',
    better: 'lower' as const,
    ours: [size.p50Ms],
    extra: {
      'p99 ms': size.p99Ms,
      'battles/s': size.perSecond,
      'first battle ms (builds the index)': size.firstMs,
      'p50 / p50 at 198': size.p50Ms / base,
    },
    target:
      i === sizes.length - 1
        ? { text: 'p50 within 2x of p50 at 198', met: size.p50Ms <= 2 * base }
        : undefined,
  }));
}

const BENCHES: Record<string, () => Promise<BenchResult[]>> = {
  hot: () => benchHotPaths({ rounds }),
  http: () => benchHttpJson({ rounds }),
  queue: () => benchQueue({ rounds }),
  image: () => benchBattleImage({ rounds }),
  cli: () => benchLeaderboardCli({ rounds }),
  battles: battleSizes,
  recompute: () => benchRecompute({ rounds, size: RECOMPUTE_SIZES[0]! }),
  'recompute-1m': () => benchRecompute({ rounds, size: RECOMPUTE_SIZES[1]! }),
  embedded: () => benchEmbeddedVoters({}),
  web: benchWebVote,
};
const DEFAULT = Object.keys(BENCHES).filter((name) => name !== 'recompute-1m');

const chosen = values.only ? values.only.split(',') : DEFAULT;
const unknown = chosen.filter((name) => !(name in BENCHES));
if (unknown.length > 0) {
  console.error(
    `unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`,
  );
  process.exit(2);
}

const startedAt = new Date();
const results: BenchResult[] = [];
for (const name of chosen) {
  const started = performance.now();
  console.error(`bench ${name}…`);
  results.push(...(await BENCHES[name]!()));
  console.error(`bench ${name}: ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
const file = await writeLatest(results, startedAt);
const { cpus, cpuModel, memoryGiB, node, loadAverage } = machine();
console.log(
  `\n${rounds} alternated rounds each; medians. ratio: ours relative to the peer, above 1 better ` +
    `(throughput ours/peer, time peer/ours).\n${cpus} x ${cpuModel}, ${memoryGiB} GiB, node ${node}, ` +
    `load average at the end ${loadAverage.join(' ')}`,
);
console.table(tableRows(results));
console.log(`written to ${file}`);
