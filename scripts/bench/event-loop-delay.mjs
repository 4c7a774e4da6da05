/**
 * Loaded into a benchmarked server with `node --import`: samples the main thread's event-loop
 * delay and writes it as one JSON line to stderr at exit (and every 10 s), prefixed
 * `event-loop-delay`, for the benchmark to read back from the server's log. SIGUSR2 starts
 * the sampling afresh (the benchmark sends it when its voters start).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { writeSync } from 'node:fs';

const histogram = monitorEventLoopDelay({ resolution: 10 });
histogram.enable();
const ms = (ns) => Math.round(ns / 1e5) / 10;

function report(final) {
  const line = {
    final,
    p50Ms: ms(histogram.percentile(50)),
    p99Ms: ms(histogram.percentile(99)),
    maxMs: ms(histogram.max),
    meanMs: ms(histogram.mean),
  };
  writeSync(2, `event-loop-delay ${JSON.stringify(line)}\n`);
}

setInterval(() => report(false), 10_000).unref();
process.on('exit', () => report(true));
process.on('SIGUSR2', () => histogram.reset());
