import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

/** One request the server answered. */
export interface S3Request {
  method: string;
  bucket: string;
  key: string;
  status: number;
  /** The `app/<id>` the AWS SDK adds to its user agent from `AWS_SDK_UA_APP_ID`: who asked. */
  app: string | undefined;
}

export interface TestS3Server {
  endpoint: string;
  port: number;
  /** The bucket made at start. */
  bucket: string;
  /** The settings a process reads to store its images in `bucket` (runtime configuration). */
  env: Record<string, string>;
  /** Every request answered so far, in order. */
  requests: S3Request[];
  /** Stops listening (connections are cut); the objects stay until `close`. */
  stop(): Promise<void>;
  /** Listens again on the same port, with the same objects. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real S3-protocol server (s3rver) on loopback, on a free port, its objects in a temporary
 * folder. It takes the AWS SDK's requests as S3 would (path-style; V4 signatures are accepted
 * for its own key, not verified). Requests are recorded with the SDK's app id, so a test can
 * tell which of its processes wrote or read an object.
 */
export async function startS3Server(bucket = 'arena-test'): Promise<TestS3Server> {
  const directory = await mkdtemp(join(tmpdir(), 'arena-s3-'));
  const s3rver = new S3rver({
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  await s3rver.configureBuckets();
  const handle = s3rver.callback();
  const requests: S3Request[] = [];
  let server: Server | undefined;
  let port = 0;

  async function listen(): Promise<void> {
    const listening = createServer((req, res) => {
      res.on('finish', () => {
        const [path = ''] = (req.url ?? '').split('?');
        const [, name = '', ...key] = path.split('/');
        const app = /\bapp\/(\S+)/.exec(req.headers['user-agent'] ?? '')?.[1];
        const entry = {
          method: req.method ?? '',
          bucket: name,
          key: decodeURIComponent(key.join('/')),
        };
        requests.push({ ...entry, status: res.statusCode, app });
      });
      handle(req, res);
    });
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(port, '127.0.0.1', () => resolve());
    });
    server = listening;
    port = (listening.address() as { port: number }).port;
  }

  async function stop(): Promise<void> {
    const closing = server;
    server = undefined;
    if (!closing) return;
    closing.closeAllConnections();
    await new Promise<void>((resolve) => closing.close(() => resolve()));
  }

  await listen();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    port,
    bucket,
    env: {
      STORAGE: 's3',
      S3_BUCKET: bucket,
      S3_ENDPOINT: endpoint,
      S3_REGION: 'us-east-1',
      S3_FORCE_PATH_STYLE: 'true',
      // s3rver's only account.
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
    },
    requests,
    stop,
    restart: listen,
    async close() {
      await stop();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
