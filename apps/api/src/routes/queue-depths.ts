import type { QueueDepthsView } from '@arena/contract';
import { QUEUE_STATES, type QueueDepths } from '@arena/jobs';
import type { AppDeps, Handlers } from '../env';
import { QUEUE_BOARD_PATH } from '../queues/queue-board';

/**
 * `GET /api/admin/queue-depths`: jobs per queue and state, from the app's queue board; with
 * none, the in-process runner's own counts when the context's queue is one (embedded).
 */
export function queueDepthsHandler(deps: AppDeps): Handlers<'queueDepths'>['queueDepths'] {
  const inProcess = deps.ctx.queue as Partial<{ depths(): Promise<QueueDepths> }>;
  const read = deps.queueBoard?.depths ?? inProcess.depths?.bind(deps.ctx.queue);
  const mode: QueueDepthsView['mode'] = deps.queueBoard?.mode ?? (read ? 'in-process' : 'none');
  const board = deps.queueBoard?.fetch ? QUEUE_BOARD_PATH : null;
  return async (c) => {
    const depths = read ? await read() : {};
    const queues = Object.entries(depths).map(([name, states]) => ({
      name,
      ...Object.fromEntries(QUEUE_STATES.map((state) => [state, states[state] ?? 0])),
    })) as Array<{ name: string } & Record<(typeof QUEUE_STATES)[number], number>>;
    return c.json({ mode, board, queues }, 200);
  };
}
