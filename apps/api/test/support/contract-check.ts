import { errorBodySchema, OPENAPI_PATH, routes } from '@arena/contract';
import { z } from 'zod';
import { strictSchema } from './strict-schema';

interface DeclaredResponse {
  description: string;
  content?: Record<string, { schema?: unknown }>;
}

interface ContractRoute {
  name: string;
  method: string;
  path: string;
  pattern: RegExp;
  responses: Record<string, DeclaredResponse>;
}

const CONTRACT: ContractRoute[] = Object.entries(routes).map(([name, route]) => ({
  name,
  method: route.method.toUpperCase(),
  path: route.path,
  pattern: new RegExp(`^${route.path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
  responses: route.responses as Record<string, DeclaredResponse>,
}));

/** The contract route a request goes to, if any: the one with its method and path pattern. */
export function matchRoute(method: string, url: string): ContractRoute | undefined {
  const path = new URL(url, 'http://arena.test').pathname;
  return CONTRACT.find((route) => route.method === method && route.pattern.test(path));
}

export interface ReceivedResponse {
  status: number;
  contentType: string;
  /** The parsed JSON of a JSON response; the bytes otherwise. */
  body: unknown;
}

/**
 * Checks one response against the contract and throws, naming the route, the status and the
 * zod issues, when it breaks it: a status the route does not declare, a content type it does
 * not declare for that status, or a JSON body with a wrong or undeclared field. A request to a
 * path no route declares must be refused with the error body.
 */
export function checkAgainstContract(method: string, url: string, response: ReceivedResponse) {
  const route = matchRoute(method, url);
  const mediaType = response.contentType.split(';')[0]!.trim().toLowerCase();
  // The document describes the contract rather than belongs to it; contract.test.ts checks it.
  if (!route && method === 'GET' && new URL(url, 'http://arena.test').pathname === OPENAPI_PATH) {
    if (response.status !== 200 || mediaType !== 'application/json') {
      fail(`GET ${OPENAPI_PATH}`, response.status, `content type ${mediaType}`);
    }
    return;
  }
  if (!route) {
    const where = `${method} ${url} (no route of the contract)`;
    if (response.status < 400)
      fail(where, response.status, 'a success, where only a refusal is allowed');
    if (mediaType !== 'application/json')
      fail(where, response.status, `content type ${mediaType}, not the error body`);
    return checkBody(where, response.status, errorBodySchema, response.body);
  }
  const where = `${route.name} (${route.method} ${route.path})`;
  const declared = route.responses[String(response.status)];
  if (!declared) {
    const statuses = Object.keys(route.responses).join(', ');
    fail(where, response.status, `not a declared status (declared: ${statuses})`);
  }
  const content = declared.content ?? {};
  const entry = content[mediaType];
  if (!entry) {
    const types = Object.keys(content).join(', ') || 'no content';
    fail(where, response.status, `content type ${mediaType || 'none'}, declared ${types}`);
  }
  if (mediaType === 'application/json') {
    checkBody(where, response.status, entry.schema as z.core.$ZodType, response.body);
  }
}

function checkBody(where: string, status: number, schema: z.core.$ZodType, body: unknown) {
  const result = z.safeParse(strictSchema(schema), body);
  if (!result.success) {
    fail(where, status, `the body breaks its schema:\n${z.prettifyError(result.error)}`);
  }
}

function fail(where: string, status: number, problem: string): never {
  throw new ContractViolation(`contract: ${where} answered ${status}: ${problem}`);
}

export class ContractViolation extends Error {
  override name = 'ContractViolation';
}
