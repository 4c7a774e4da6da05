import {
  freePort,
  REPO_ROOT,
  SOURCE_NODE_ARGS,
  startNode,
  waitFor,
  type NodeProcess,
} from '@arena/testing';

/** Waits for the line that says the process is up; a process that never says it is killed. */
async function started(node: NodeProcess, line: string) {
  try {
    await node.waitForOutput(line, 90_000);
  } catch (error) {
    node.child.kill('SIGKILL');
    throw error;
  }
}

export interface ApiProcess extends NodeProcess {
  baseUrl: string;
}

/**
 * The API as its own process on a free port: from source (tsx, `@arena/source`) unless a
 * compiled entry (a production tree's) is given. Resolves once it listens.
 */
export async function startApiProcess(
  env: Record<string, string>,
  compiled?: { entry: string; cwd: string },
): Promise<ApiProcess> {
  const port = await freePort();
  const args = compiled
    ? ['--enable-source-maps', compiled.entry]
    : [...SOURCE_NODE_ARGS, 'apps/api/src/main.ts'];
  const api = startNode(args, {
    cwd: compiled?.cwd ?? REPO_ROOT,
    env: { LOG_LEVEL: 'warn', ...env, PORT: String(port) },
  });
  await started(api, 'Arena is running at');
  return Object.assign(api, { baseUrl: `http://127.0.0.1:${port}` });
}

/** A worker process: from source unless a compiled entry is given. Resolves once it runs jobs. */
export async function startWorker(
  env: Record<string, string>,
  compiled?: { entry: string; cwd: string },
): Promise<NodeProcess> {
  const args = compiled
    ? ['--enable-source-maps', compiled.entry]
    : [...SOURCE_NODE_ARGS, 'apps/worker/src/main.ts'];
  // `worker started` is an info line, whatever level the caller wants afterwards.
  const worker = startNode(args, {
    cwd: compiled?.cwd ?? REPO_ROOT,
    env: { LOG_LEVEL: 'info', METRICS_PORT: '0', ...env },
  });
  await started(worker, 'worker started');
  return worker;
}

/** Polls `/readyz` until it answers `status`, returning how long that took. */
export async function readyzBecomes(baseUrl: string, status: number, timeoutMs: number) {
  const started = Date.now();
  await waitFor(
    async () => (await fetch(`${baseUrl}/readyz`).catch(() => null))?.status === status,
    timeoutMs,
    `/readyz to answer ${status}`,
  );
  return Date.now() - started;
}
