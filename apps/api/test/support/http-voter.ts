/**
 * A voter over real HTTP against a running API process, as a browser behaves: battle, both
 * images, the minimum viewing time, vote. Every response is recorded (status, JSON body,
 * Retry-After, when it was sent), so fault tests can judge each one afterwards instead of
 * stopping at the first refusal.
 */

export interface Exchange {
  method: string;
  path: string;
  status: number;
  /** The parsed body when JSON, else null. */
  json: unknown;
  contentType: string;
  retryAfter: string | null;
  /** When the request was sent and when its answer came (Date.now()). */
  sentAt: number;
  answeredAt: number;
}

/** Longer than any answer a healthy API gives, even on a loaded machine. */
const ANSWER_TIMEOUT_MS = 20_000;

export class HttpVoter {
  cookie?: string;
  readonly exchanges: Exchange[] = [];
  /** Battle ids whose vote the API accepted (2xx). */
  readonly accepted: string[] = [];

  constructor(private readonly baseUrl: string) {}

  async send(method: string, path: string, body?: unknown): Promise<Exchange> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const sentAt = Date.now();
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        // A request the API never answers must show up as a failed exchange, not hang the test.
        signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
      });
    } catch (error) {
      // No answer at all (connection refused or reset, or no answer in time): status 0.
      const exchange = { method, path, status: 0, json: null, contentType: '', retryAfter: null };
      const failed = { ...exchange, sentAt, answeredAt: Date.now(), error };
      this.exchanges.push(failed);
      return failed;
    }
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const contentType = response.headers.get('content-type') ?? '';
    const json = contentType.includes('application/json')
      ? await response.json().catch(() => null)
      : (await response.arrayBuffer(), null);
    const exchange: Exchange = {
      method,
      path,
      status: response.status,
      json,
      contentType,
      retryAfter: response.headers.get('retry-after'),
      sentAt,
      answeredAt: Date.now(),
    };
    this.exchanges.push(exchange);
    return exchange;
  }

  /**
   * One round: a battle, both images, `minViewMs`, a vote. Returns the battle id if the vote
   * was accepted; stops at the first step that fails (the next round starts afresh).
   */
  async round(minViewMs: number, arena = 'text-to-image'): Promise<string | undefined> {
    const battle = await this.send('POST', '/api/battles', { arena });
    if (battle.status !== 201) return undefined;
    const { id, left, right } = battle.json as {
      id: string;
      left: { imageUrl: string };
      right: { imageUrl: string };
    };
    for (const side of [left, right]) {
      const image = await this.send('GET', side.imageUrl);
      if (image.status !== 200) return undefined;
    }
    await new Promise((resolve) => setTimeout(resolve, minViewMs));
    const outcomes = ['left', 'right', 'tie'] as const;
    const outcome = outcomes[Math.floor(Math.random() * outcomes.length)];
    const vote = await this.send('POST', `/api/battles/${id}/vote`, { outcome });
    if (vote.status < 200 || vote.status >= 300) return undefined;
    this.accepted.push(id);
    return id;
  }
}

/** The value of one sample in a Prometheus text exposition (0 when absent). */
export function sample(metricsText: string, name: string, labels: Record<string, string> = {}) {
  let total = 0;
  for (const line of metricsText.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const matches = Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`));
    if (matches) total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}
