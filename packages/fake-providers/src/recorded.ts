import type { IncomingHttpHeaders } from 'node:http';

export interface RecordedFormPart {
  name: string;
  value?: string;
  filename?: string;
  contentType?: string;
  bytes?: Buffer;
}

/** Everything a fake server received, for asserting try counts and where the key went. */
export interface RecordedRequest {
  seq: number;
  /** What the server took it for: `generate`, `edit`, `submit`, `status`, `result`, `file`, ... */
  kind: string;
  method: string;
  path: string;
  /** Path and query. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  json?: unknown;
  form?: RecordedFormPart[];
  modelId?: string;
  receivedAt: number;
}
