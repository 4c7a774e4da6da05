import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { createApp } from '../../src/app';
import { TestClient } from './client';

export interface LoopbackServer {
  baseUrl: string;
  /** A client whose requests cross a real socket, so the app sees a peer address. */
  client(): TestClient;
  close(): Promise<void>;
}

/** The app behind a real HTTP server on 127.0.0.1, as production serves it. */
export async function serveOnLoopback(app: ReturnType<typeof createApp>): Promise<LoopbackServer> {
  const server: ServerType = await new Promise((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
      resolve(started),
    );
  });
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    client: () => new TestClient({ request: (path, init) => fetch(`${baseUrl}${path}`, init) }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
