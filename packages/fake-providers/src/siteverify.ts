import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the fake answers: as the provider does, or as an outage does. */
export type SiteverifyMode = 'normal' | 'hang' | 'http-500' | 'not-json' | 'internal-error';

export interface SiteverifyRequest {
  contentType: string | undefined;
  /** The form fields as received. */
  form: Record<string, string>;
}

/**
 * A loopback server speaking the siteverify API of Cloudflare Turnstile and hCaptcha (the same
 * wire format): a form-encoded POST of `secret`, `response` and optionally `remoteip`, answered
 * `{ success, "error-codes", hostname, challenge_ts }`. Tokens come from `issue()`, as a widget
 * would hand them out, and are good once, like the real ones.
 */
export class FakeSiteverify {
  readonly secret: string;
  readonly requests: SiteverifyRequest[] = [];
  mode: SiteverifyMode = 'normal';
  url = '';
  private readonly valid = new Set<string>();
  private readonly spent = new Set<string>();
  private readonly server = http.createServer((req, res) => void this.answer(req, res));

  constructor(options: { secret?: string } = {}) {
    this.secret = options.secret ?? 'fake-human-check-secret';
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}/siteverify`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** A token a solved widget would give the browser. */
  issue(): string {
    const token = `fake-token.${randomUUID()}`;
    this.valid.add(token);
    return token;
  }

  private async answer(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString()));
    this.requests.push({ contentType: req.headers['content-type'], form });
    if (this.mode === 'hang') return; // never answers: the caller's deadline must end it
    if (this.mode === 'http-500') return this.send(res, 500, { error: 'boom' });
    if (this.mode === 'not-json') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>maintenance</html>');
      return;
    }
    if (this.mode === 'internal-error') return this.refuse(res, ['internal-error']);
    if (req.method !== 'POST' || req.url !== '/siteverify') {
      return this.send(res, 405, { success: false, 'error-codes': ['bad-request'] });
    }
    if (!form.secret) return this.refuse(res, ['missing-input-secret']);
    if (form.secret !== this.secret) return this.refuse(res, ['invalid-input-secret']);
    const token = form.response;
    if (!token) return this.refuse(res, ['missing-input-response']);
    if (this.spent.has(token)) return this.refuse(res, ['timeout-or-duplicate']);
    if (!this.valid.has(token)) return this.refuse(res, ['invalid-input-response']);
    this.valid.delete(token);
    this.spent.add(token);
    this.send(res, 200, {
      success: true,
      'error-codes': [],
      challenge_ts: new Date().toISOString(),
      hostname: 'arena.test',
    });
  }

  private refuse(res: ServerResponse, codes: string[]) {
    this.send(res, 200, { success: false, 'error-codes': codes });
  }

  private send(res: ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
}
