/**
 * The shape every benchmark of `pnpm bench` reports in, and the helpers they share: rounds of
 * ours and the peer alternated, medians, the ratio, the one table and bench/results/latest.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

export interface BenchResult {
  /** Stable key, e.g. `http.cheapest-json`; latest.json is keyed by it. */
  id: string;
  /** What is measured, as the table shows it. */
  path: string;
  /** Unit of `ours` and `peer`: `req/s`, `votes/s`, `s`, `ms`… */
  unit: string;
  /** Whether a larger value is the better one (throughput) or a smaller one (time). */
  better: 'higher' | 'lower';
  /** One value per round. */
  ours: number[];
  /** The peer's value per round, measured alternately with ours. */
  peer?: { name: string; values: number[] };
  /** Further medians worth a column: p99, peak RSS, agreement… */
  extra?: Record<string, string | number>;
  /** The target for this row, and whether the medians meet it. */
  target?: { text: string; met: boolean };
}

export const median = (xs: number[]) => {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export const percentile = (xs: number[], p: number) => {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
};

/**
 * Ours relative to the peer, 1 meaning as good and above 1 better: for throughput
 * ours / peer, for time peer / ours.
 */
export function ratio(result: BenchResult): number | undefined {
  if (!result.peer) return undefined;
  const ours = median(result.ours);
  const peer = median(result.peer.values);
  return result.better === 'higher' ? ours / peer : peer / ours;
}

/**
 * Runs ours and the peer alternately, `rounds` times each, starting with ours in even rounds
 * and with the peer in odd ones, so that neither always runs on a warmer (or hotter) machine.
 */
export async function alternate<O, P = O>(
  rounds: number,
  ours: (round: number) => Promise<O>,
  peer: (round: number) => Promise<P>,
): Promise<{ ours: O[]; peer: P[] }> {
  const out = { ours: [] as O[], peer: [] as P[] };
  for (let round = 0; round < rounds; round += 1) {
    if (round % 2 === 0) {
      out.ours.push(await ours(round));
      out.peer.push(await peer(round));
    } else {
      out.peer.push(await peer(round));
      out.ours.push(await ours(round));
    }
  }
  return out;
}

const fmt = (x: number) =>
  !Number.isFinite(x)
    ? ''
    : Math.abs(x) >= 100
      ? x.toFixed(0)
      : Math.abs(x) >= 10
        ? x.toFixed(1)
        : x.toFixed(2);

/** One row per result: medians, the ratio, the target and the extras. */
export function tableRows(results: BenchResult[]) {
  return results.map((result) => {
    const r = ratio(result);
    return {
      path: result.path,
      unit: result.unit,
      ours: fmt(median(result.ours)),
      peer: result.peer ? `${fmt(median(result.peer.values))} (${result.peer.name})` : '',
      ratio: r === undefined ? '' : r.toFixed(2),
      target: result.target ? `${result.target.met ? 'met' : 'MISSED'}: ${result.target.text}` : '',
      // One column for the rest, so that rows with different extras stay readable.
      details: Object.entries(result.extra ?? {})
        .map(([k, v]) => `${k} ${typeof v === 'number' ? fmt(v) : v}`)
        .join('; '),
    };
  });
}

export function machine() {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadAverage: loadavg().map((x) => Number(x.toFixed(2))),
  };
}

/** bench/results/latest.json: every row with its raw rounds, the machine and the time. */
export async function writeLatest(results: BenchResult[], startedAt: Date) {
  const dir = fileURLToPath(new URL('../../bench/results/', import.meta.url));
  await mkdir(dir, { recursive: true });
  const body = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: machine(),
    results: results.map((result) => ({
      ...result,
      medianOurs: median(result.ours),
      medianPeer: result.peer ? median(result.peer.values) : undefined,
      ratio: ratio(result),
    })),
  };
  await writeFile(`${dir}latest.json`, `${JSON.stringify(body, null, 2)}\n`);
  return `${dir}latest.json`;
}
