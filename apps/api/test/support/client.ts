import { checkAgainstContract } from './contract-check';

/** What the client sends requests to: the app, or a stand-in that breaks the contract. */
interface RequestTarget {
  request(path: string, init: RequestInit): Response | Promise<Response>;
}

export interface TestResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * A browser stand-in for `app.request`: keeps the voter cookie it is given, like a browser
 * would, so one client is one voter. Every response is checked against the contract (see
 * contract-check.ts); a response that breaks it fails the request, and so the test.
 */
export class TestClient {
  cookie?: string;

  constructor(private readonly app: RequestTarget) {}

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<TestResponse<T>> {
    const init: RequestInit = { method, headers: { ...headers } };
    if (this.cookie) (init.headers as Record<string, string>).cookie = this.cookie;
    if (body !== undefined) {
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const response = await this.app.request(path, init);
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const type = response.headers.get('content-type') ?? '';
    const parsed = type.includes('application/json')
      ? await response.json()
      : Buffer.from(await response.arrayBuffer());
    checkAgainstContract(method, path, {
      status: response.status,
      contentType: type,
      body: parsed,
    });
    return { status: response.status, headers: response.headers, body: parsed as T };
  }

  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body, headers);
  }

  get<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>('GET', path, undefined, headers);
  }
}
