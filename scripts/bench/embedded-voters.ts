/**
 * The embedded default under a crowd: `node apps/api/dist/main.js` as `pnpm start` runs it
 * (PGlite in process, in-process jobs, the demo provider), then VOTERS simulated browsers for
 * SECONDS, each a loop of battle, both images, a look of 1-3 s, vote (scripts/bench/voter.ts).
 *
 *   node --conditions=@arena/source --import tsx scripts/bench/embedded-voters.ts \
 *     [--seconds 60] [--voters 100] [--cpu-prof DIR] [--keep] [--env NAME=VALUE]...
 *
 * Every request has a 10 s client timeout. The server runs with TRUSTED_PROXIES=127.0.0.1 and
 * each voter sends its own X-Forwarded-For, so the per-address limits see 100 addresses; the
 * per-voter vote limit is raised from 20 to 60 a minute (a voter here votes every ~2.3 s,
 * faster than the default's "a person at ease"); every other limit keeps its default. After
 * the run the server gets SIGTERM and the votes stored in its PGlite folder are compared with
 * those acknowledged.
 */
import { readFile, rm } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  startEmbedded,
  storedVoteBattles,
  threadCpu,
  peakRssMiB,
  waitUntilOpen,
  type EmbeddedServer,
} from './embedded-server';
import { tableRows, type BenchResult } from './harness';
import { ensureApiBuild } from './spawn-api';
import { Tally } from './http-client';
import { runVoter } from './voter';

const TIMEOUT_MS = 10_000;
const THINK_MS: [number, number] = [1_000, 3_000];
/** Voters arrive over this long rather than all in the same millisecond. */
const ARRIVAL_MS = 3_000;
export const SERVER_ENV = {
  TRUSTED_PROXIES: '127.0.0.1',
  LIMIT_VOTES_PER_MINUTE: '60',
};
const EVENT_LOOP_MONITOR = fileURLToPath(new URL('./event-loop-delay.mjs', import.meta.url));

export interface EmbeddedVotersOptions {
  seconds?: number;
  voters?: number;
  /** Write a V8 CPU profile of the server into this folder. */
  cpuProfileDir?: string;
  /** Keep the server's data folder (and log) after the run. */
  keep?: boolean;
  /** More settings for the server (experiments); the defaults are what `pnpm start` uses. */
  serverEnv?: Record<string, string>;
  /** Called with the whole account of the run (per-route counts, event loop, votes). */
  onDetails?: (details: EmbeddedVotersDetails) => void;
}

export interface EmbeddedVotersDetails {
  routes: ReturnType<Tally['summary']>;
  seconds: number;
  acknowledged: number;
  stored: number;
  ackedNotStored: number;
  storedNotAcked: number;
  eventLoop?: { p50Ms: number; p99Ms: number; maxMs: number; meanMs: number };
  serverPeakRssMiB?: number;
  /** The server's CPU time during the run, by thread name. */
  serverCpuSeconds: Record<string, number>;
  dataDir: string;
}

async function eventLoopDelay(server: EmbeddedServer) {
  const log = await readFile(server.logFile, 'utf8').catch(() => '');
  const lines = log.split('\n').filter((line) => line.startsWith('event-loop-delay '));
  const last = lines.at(-1);
  return last ? JSON.parse(last.slice('event-loop-delay '.length)) : undefined;
}

export async function benchEmbeddedVoters(
  opts: EmbeddedVotersOptions = {},
): Promise<BenchResult[]> {
  const seconds = opts.seconds ?? 60;
  const voters = opts.voters ?? 100;
  ensureApiBuild();
  const nodeArgs = ['--enable-source-maps', '--import', pathToFileURL(EVENT_LOOP_MONITOR).href];
  if (opts.cpuProfileDir) nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${opts.cpuProfileDir}`);
  const server = await startEmbedded({ env: { ...SERVER_ENV, ...opts.serverEnv }, nodeArgs });
  const tally = new Tally();
  const acknowledged: string[] = [];
  let details: EmbeddedVotersDetails;
  try {
    const started = Date.now();
    const { voting } = await waitUntilOpen(server);
    console.error(
      `embedded server on :${server.port}: ${voting} challenges open after ${((Date.now() - started) / 1000).toFixed(0)} s; ${voters} voters for ${seconds} s`,
    );
    server.child.kill('SIGUSR2'); // the event-loop sampling starts with the voters
    const cpuBefore = await threadCpu(server.child.pid!);
    const begin = Date.now();
    const deadline = begin + seconds * 1000;
    await Promise.all(
      Array.from({ length: voters }, async (_, index) => {
        await new Promise((resolve) => setTimeout(resolve, (ARRIVAL_MS * index) / voters));
        await runVoter({
          index,
          port: server.port,
          // A third of the crowd votes in the editing arena, the rest on text-to-image.
          arena: index % 3 === 2 ? 'image-editing' : 'text-to-image',
          deadline,
          timeoutMs: TIMEOUT_MS,
          thinkMs: THINK_MS,
          tally,
          acknowledged,
        });
      }),
    );
    const elapsed = (Date.now() - begin) / 1000;
    const cpuAfter = await threadCpu(server.child.pid!);
    const peakRss = await peakRssMiB(server.child.pid!);
    const exit = await server.stop();
    if (exit !== '0') console.error(`the server exited with ${exit}; see ${server.logFile}`);
    const stored = await storedVoteBattles(server.dataDir);
    const acked = new Set(acknowledged);
    details = {
      routes: tally.summary(),
      seconds: elapsed,
      acknowledged: acknowledged.length,
      stored: stored.size,
      ackedNotStored: [...acked].filter((id) => !stored.has(id)).length,
      storedNotAcked: [...stored].filter((id) => !acked.has(id)).length,
      eventLoop: await eventLoopDelay(server),
      serverPeakRssMiB: peakRss,
      serverCpuSeconds: Object.fromEntries(
        Object.entries(cpuAfter).map(([name, s]) => [
          name,
          +(s - (cpuBefore[name] ?? 0)).toFixed(1),
        ]),
      ),
      dataDir: server.dataDir,
    };
  } finally {
    await server.stop();
    if (!opts.keep) await rm(server.dataDir, { recursive: true, force: true });
  }
  opts.onDetails?.(details);
  const p99 = (route: string) => details.routes[route]?.p99Ms ?? Number.NaN;
  const consistent =
    details.stored === details.acknowledged &&
    details.ackedNotStored === 0 &&
    details.storedNotAcked === 0;
  const met =
    tally.timeouts === 0 &&
    tally.serverErrors === 0 &&
    tally.transportErrors === 0 &&
    consistent &&
    details.acknowledged > 0;
  return [
    {
      id: 'embedded.voters',
      path: `embedded default, ${voters} voters x ${seconds} s (battle, 2 images, 1-3 s look, vote)`,
      unit: 'votes/s',
      better: 'higher',
      ours: [details.acknowledged / details.seconds],
      extra: {
        timeouts: String(tally.timeouts),
        '5xx': String(tally.serverErrors),
        'connection errors': String(tally.transportErrors),
        'p99 battle ms': p99('POST /api/battles'),
        'p99 image ms': p99('GET battle image'),
        'p99 vote ms': p99('POST /api/battles/:id/vote'),
        'stored = acknowledged': `${consistent ? 'yes' : 'NO'} (${details.stored} / ${details.acknowledged})`,
      },
      target: {
        text: `${voters} voters ${seconds} s: zero timeouts, zero 5xx, stored = acknowledged`,
        met,
      },
    },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '60' },
      voters: { type: 'string', default: '100' },
      'cpu-prof': { type: 'string' },
      keep: { type: 'boolean', default: false },
      env: { type: 'string', multiple: true, default: [] },
    },
  });
  const results = await benchEmbeddedVoters({
    seconds: Number(values.seconds),
    voters: Number(values.voters),
    cpuProfileDir: values['cpu-prof'],
    keep: values.keep,
    serverEnv: Object.fromEntries(values.env.map((pair) => pair.split(/=(.*)/s).slice(0, 2))),
    onDetails: (details) => console.log(JSON.stringify(details, null, 2)),
  });
  console.table(tableRows(results));
}
