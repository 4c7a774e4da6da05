import type { AdminGeneration, FanOut, FanOutEvent } from '@arena/contract';
import { fanOutFingerprint, readFanOut, type ServiceContext } from '@arena/services';
import type { Context } from 'hono';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
import type { AppEnv } from '../env';

export interface FanOutStreamOptions {
  /** How often the stream looks for a change (one cheap indexed aggregate per look). */
  pollMs: number;
  /** A comment line this often while nothing changes, so proxies keep the connection. */
  heartbeatMs: number;
  /** The stream ends after this long whatever happens; EventSource reconnects by itself. */
  maxMs: number;
}

export const FAN_OUT_STREAM: FanOutStreamOptions = {
  pollMs: 500,
  heartbeatMs: 15_000,
  maxMs: 60 * 60_000,
};

const send = (stream: SSEStreamingApi, event: FanOutEvent, data: unknown) =>
  stream.writeSSE({ event, data: JSON.stringify(data) });

/** What identifies a generation's state: any field that moves makes it "changed". */
const stateOf = (generation: AdminGeneration) => JSON.stringify(generation);

/**
 * A fan-out live, as server-sent events: a `snapshot` first, then an `update` with the
 * generations that changed each time the fan-out's fingerprint moves (polled, one aggregate
 * per look, so an open console costs the database little), and `done` when nothing is left
 * pending or running, which ends the stream. A client that goes away ends it too. An unknown
 * challenge is a 404 before the stream starts.
 */
export async function streamFanOut(
  c: Context<AppEnv>,
  ctx: ServiceContext,
  challengeId: string,
  options: FanOutStreamOptions = FAN_OUT_STREAM,
): Promise<Response> {
  // The fingerprint before the snapshot: a change in between is seen at the first look.
  let fingerprint = await fanOutFingerprint(ctx, { challengeId });
  const first = await readFanOut(ctx, { challengeId });
  c.header('X-Accel-Buffering', 'no');
  return streamSSE(c, async (stream) => {
    let gone = false;
    stream.onAbort(() => {
      gone = true;
    });
    try {
      await follow(stream, () => gone);
    } catch (error) {
      // A database error mid-stream: said in general terms (no internals), then the end.
      c.get('logger')?.warn({ err: error, challengeId }, 'fan-out event stream failed');
      if (!gone) {
        await send(stream, 'error', {
          code: 'stream_failed',
          message: 'the live view stopped: reload to resume',
        }).catch(() => undefined);
      }
    }
  });

  async function follow(stream: SSEStreamingApi, gone: () => boolean) {
    await send(stream, 'snapshot', first);
    if (first.progress.done) {
      await send(stream, 'done', summary(first));
      return;
    }
    const states = new Map(first.generations.map((g) => [g.id, stateOf(g)]));
    const started = Date.now();
    let lastWrite = started;
    while (!gone() && Date.now() - started < options.maxMs) {
      await stream.sleep(options.pollMs);
      if (gone()) return;
      const next = await fanOutFingerprint(ctx, { challengeId });
      if (next === fingerprint) {
        if (Date.now() - lastWrite >= options.heartbeatMs) {
          await stream.write(': ping\n\n');
          lastWrite = Date.now();
        }
        continue;
      }
      fingerprint = next;
      const fanOut = await readFanOut(ctx, { challengeId });
      const changed = fanOut.generations.filter((g) => states.get(g.id) !== stateOf(g));
      for (const g of changed) states.set(g.id, stateOf(g));
      await send(stream, 'update', { ...summary(fanOut), generations: changed });
      lastWrite = Date.now();
      if (fanOut.progress.done) {
        await send(stream, 'done', summary(fanOut));
        return;
      }
    }
  }
}

const summary = (fanOut: FanOut) => ({
  challenge: fanOut.challenge,
  progress: fanOut.progress,
  generations: [] as AdminGeneration[],
});
