import { HttpResponse, http, type RequestHandler } from 'msw';
import type { ConnectorDefinition, OperationDefinition, OperationName, PaginationDefinition } from '../definition.js';
import { readPath, writePath } from '../json-path.js';
import { expandUrlTemplate } from '../url-template.js';

/** A request the mock vendor received, as a test asserts on it. */
export interface MockRequest {
  operation: string;
  method: string;
  url: URL;
  params: Record<string, string>;
  headers: Headers;
  /** Parsed JSON or form body, `undefined` when empty. */
  body: unknown;
}

/** Computes a response: a value (sent as JSON with status 200) or a full `Response`. */
export type MockResponder = (request: MockRequest) => unknown | Response | Promise<unknown | Response>;

export interface MockOperation {
  /** Body (JSON, status 200), or a function of the request. Default: 204 if the output schema accepts no body, else `{}`. */
  respond?: unknown;
  /** Status for `respond` values. Default 200. */
  status?: number;
  headers?: Record<string, string>;
  /** For paginated operations: every item; the mock serves them page by page in the operation's own style. */
  items?: readonly unknown[];
  /** Items per page when the request does not say. Default 2. */
  pageSize?: number;
}

/** A failure injected into the mock vendor for the next `times` requests (default: every request until cleared). */
export type MockFault = (
  | { type: 'status'; status: number; body?: unknown }
  /** 429s with `Retry-After` in seconds (default 1), as an HTTP-date, or as `retry-after-ms`. */
  | { type: 'rate-limit'; retryAfterSeconds?: number; retryAfterDate?: Date; retryAfterMs?: number }
  /** Never answers; the client's timeout or cancellation ends the request. */
  | { type: 'hang' }
  /** Drops the connection (a network error for the client). */
  | { type: 'network-error' }
  /** 200 with a body that is not JSON. */
  | { type: 'malformed-body' }
  /** 200 with this body (e.g. a declared field of the wrong type). */
  | { type: 'wrong-types'; body: unknown }
) & { times?: number; headers?: Record<string, string> };

export type MockOperations<D extends ConnectorDefinition> = {
  [K in OperationName<D>]?: MockOperation | MockResponder;
};

export interface MockVendor {
  /** msw handlers, one per operation; pass them to `startMockServer` or `server.use`. */
  readonly handlers: RequestHandler[];
  /** The expanded base URL the handlers answer on. */
  readonly baseUrl: string;
  /** Every request received, in order. */
  readonly requests: MockRequest[];
  requestsFor(operation: string): MockRequest[];
  /** Injects a fault for one operation, or for all with `*`. Faults apply in the order injected. */
  fail(operation: string, fault: MockFault): void;
  clearFaults(): void;
  /** Forgets requests and faults. */
  reset(): void;
}

export interface MockVendorOptions {
  /** Values for the base URL template (defaults and examples are used otherwise). */
  baseUrlVariables?: Readonly<Record<string, string>>;
}

async function readRequestBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text === '') return undefined;
  const type = request.headers.get('content-type') ?? '';
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function faultResponse(fault: MockFault, request: Request): Promise<Response> | Response {
  const headers = new Headers(fault.headers);
  switch (fault.type) {
    case 'status':
      return HttpResponse.json((fault.body ?? { error: `injected ${fault.status}` }) as never, {
        status: fault.status,
        headers,
      });
    case 'rate-limit':
      if (fault.retryAfterMs !== undefined) headers.set('retry-after-ms', String(fault.retryAfterMs));
      else if (fault.retryAfterDate !== undefined) headers.set('retry-after', fault.retryAfterDate.toUTCString());
      else headers.set('retry-after', String(fault.retryAfterSeconds ?? 1));
      return HttpResponse.json({ error: 'rate limited' }, { status: 429, headers });
    case 'hang':
      return new Promise<Response>((resolve) => {
        request.signal.addEventListener('abort', () => resolve(HttpResponse.error()), { once: true });
      });
    case 'network-error':
      return HttpResponse.error();
    case 'malformed-body':
      headers.set('content-type', 'application/json');
      return new HttpResponse('{"id": "00u1", "status": ', { status: 200, headers });
    case 'wrong-types':
      return HttpResponse.json(fault.body as never, { status: 200, headers });
  }
}

/**
 * The msw route for an operation's path template: `{x}` becomes the route parameter `:x`, and every literal `:` (a
 * Google custom method such as `/serviceAccounts/{account}:disable` or `/content:inspect`) is escaped, so
 * path-to-regexp matches it as text instead of starting a second parameter, and each verb gets its own route.
 */
function mockRoutePath(template: string): string {
  return template
    .split(/(\{[^}]+\})/)
    .map((part, index) => (index % 2 === 1 ? `:${part.slice(1, -1)}` : part.replaceAll(':', '\\:')))
    .join('');
}

/** Whether a path template has a literal `:` (a custom method), which a plain `{x}` route would also match. */
function hasLiteralColon(template: string): boolean {
  return template.replace(/\{[^}]+\}/g, '').includes(':');
}

function emptyBodyAllowed(operation: OperationDefinition): boolean {
  return operation.output.safeParse(undefined).success;
}

/** Serves `items` page by page, in the way `pagination` says a client asks for the next page. */
function servePage(
  pagination: PaginationDefinition,
  items: readonly unknown[],
  defaultPageSize: number,
  request: MockRequest,
): Response {
  const query = request.url.searchParams;
  const requestedSize = pagination.limitParameter ? Number(query.get(pagination.limitParameter)) : Number.NaN;
  const size = Number.isInteger(requestedSize) && requestedSize > 0 ? requestedSize : defaultPageSize;
  let offset = 0;
  const headers = new Headers();
  switch (pagination.style) {
    case 'cursor':
      offset = Number((query.get(pagination.cursorParameter) ?? 'c0').slice(1)) || 0;
      break;
    case 'next-token': {
      const fromBody = readPath(request.body, pagination.tokenParameter);
      const token = (pagination.tokenIn ?? 'query') === 'body' ? fromBody : query.get(pagination.tokenParameter);
      offset = Number(String(token ?? 't0').slice(1)) || 0;
      break;
    }
    case 'link-header':
    case 'next-link':
      offset = Number(query.get('after') ?? 0) || 0;
      break;
    case 'offset':
      offset = Number(query.get(pagination.offsetParameter) ?? 0) || 0;
      break;
    case 'page-number': {
      const first = pagination.firstPage ?? 1;
      offset = ((Number(query.get(pagination.pageParameter) ?? first) || first) - first) * size;
      break;
    }
  }
  const page = items.slice(offset, offset + size);
  const nextOffset = offset + page.length;
  const more = nextOffset < items.length;
  let body: unknown = page;
  if (pagination.itemsPath !== undefined) {
    body = {};
    writePath(body as Record<string, unknown>, pagination.itemsPath, page);
  }
  if (pagination.style === 'cursor')
    writePath(body as Record<string, unknown>, pagination.cursorPath, more ? `c${nextOffset}` : null);
  if (pagination.style === 'next-token' && more)
    writePath(body as Record<string, unknown>, pagination.tokenPath, `t${nextOffset}`);
  if (pagination.style === 'offset' && pagination.totalPath !== undefined) {
    writePath(body as Record<string, unknown>, pagination.totalPath, items.length);
  }
  if ((pagination.style === 'link-header' || pagination.style === 'next-link') && more) {
    const next = new URL(request.url);
    next.searchParams.set('after', String(nextOffset));
    if (pagination.style === 'link-header') headers.set('link', `<${next}>; rel="next"`);
    else writePath(body as Record<string, unknown>, pagination.nextLinkPath, next.toString());
  }
  return HttpResponse.json(body as never, { headers });
}

/**
 * A fake vendor built from a connector definition: one msw handler per operation, answering with the data or
 * function given, paginating `items` in the operation's style, and failing on demand (429 storms, 5xx, hangs,
 * dropped connections, malformed bodies, wrong types).
 */
export function createMockVendor<D extends ConnectorDefinition>(
  definition: D,
  operations: MockOperations<D> = {},
  options: MockVendorOptions = {},
): MockVendor {
  const variables: Record<string, string> = {};
  for (const [name, variable] of Object.entries(definition.baseUrlVariables ?? {})) {
    const value = options.baseUrlVariables?.[name] ?? variable.default ?? variable.example;
    if (value !== undefined) variables[name] = value;
  }
  const baseUrl = expandUrlTemplate(definition.baseUrl, variables, {}).replace(/\/$/, '');
  const requests: MockRequest[] = [];
  let faults: { operation: string; fault: MockFault; remaining: number }[] = [];

  const takeFault = (operation: string): MockFault | undefined => {
    const entry = faults.find((candidate) => candidate.operation === operation || candidate.operation === '*');
    if (entry === undefined) return undefined;
    entry.remaining--;
    if (entry.remaining <= 0) faults = faults.filter((candidate) => candidate !== entry);
    return entry.fault;
  };

  // Custom-method routes (`{project}:getAncestry`) go first: a route parameter also matches text with a colon, so
  // `GET /projects/{project}` would otherwise answer `GET /projects/p:getAncestry`.
  const ordered = (Object.values(definition.operations) as OperationDefinition[])
    .map((operation, index) => ({ operation, index, custom: hasLiteralColon(operation.path) }))
    .sort((a, b) => Number(b.custom) - Number(a.custom) || a.index - b.index)
    .map(({ operation }) => operation);
  const handlers = ordered.map((operation) => {
    const path = mockRoutePath(operation.path);
    const method = operation.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head';
    const configured = (operations as Record<string, MockOperation | MockResponder | undefined>)[operation.name];
    const mock: MockOperation = typeof configured === 'function' ? { respond: configured } : (configured ?? {});
    const fixedHeaders = Object.entries(operation.headers ?? {});
    return http[method](`${baseUrl}${path}`, async ({ request, params }) => {
      // Operations that share a route (AWS JSON: every one is `POST /`) are told apart by their fixed headers;
      // answering nothing hands the request to the next handler.
      if (fixedHeaders.some(([name, value]) => request.headers.get(name) !== value)) return undefined;
      const received: MockRequest = {
        operation: operation.name,
        method: request.method,
        url: new URL(request.url),
        params: Object.fromEntries(Object.entries(params).map(([key, value]) => [key, String(value)])),
        headers: request.headers,
        body: await readRequestBody(request.clone()),
      };
      requests.push(received);
      const fault = takeFault(operation.name);
      if (fault !== undefined) return faultResponse(fault, request);
      if (mock.items !== undefined && operation.pagination !== undefined) {
        return servePage(operation.pagination, mock.items, mock.pageSize ?? 2, received);
      }
      const headers = new Headers(mock.headers);
      const value = typeof mock.respond === 'function' ? await (mock.respond as MockResponder)(received) : mock.respond;
      if (value instanceof Response) return value;
      if (value === undefined) {
        if (emptyBodyAllowed(operation)) return new HttpResponse(null, { status: 204, headers });
        return HttpResponse.json({}, { status: mock.status ?? 200, headers });
      }
      return HttpResponse.json(value as never, { status: mock.status ?? 200, headers });
    });
  });

  return {
    handlers,
    baseUrl,
    requests,
    requestsFor: (operation) => requests.filter((request) => request.operation === operation),
    fail(operation, fault) {
      faults.push({ operation, fault, remaining: fault.times ?? Number.POSITIVE_INFINITY });
    },
    clearFaults() {
      faults = [];
    },
    reset() {
      requests.length = 0;
      faults = [];
    },
  };
}

/** An OAuth2 client-credentials token endpoint that issues `token-1`, `token-2`, ... and counts requests. */
export function mockOAuth2TokenEndpoint(
  tokenUrl: string,
  options: { expiresInSeconds?: number; tokenPrefix?: string } = {},
): { handler: RequestHandler; readonly requests: MockRequest[]; issued: () => number } {
  const requests: MockRequest[] = [];
  let issued = 0;
  const handler = http.post(tokenUrl, async ({ request }) => {
    requests.push({
      operation: 'oauth2Token',
      method: request.method,
      url: new URL(request.url),
      params: {},
      headers: request.headers,
      body: await readRequestBody(request.clone()),
    });
    issued++;
    return HttpResponse.json({
      access_token: `${options.tokenPrefix ?? 'token'}-${issued}`,
      token_type: 'Bearer',
      expires_in: options.expiresInSeconds ?? 3600,
    });
  });
  return { handler, requests, issued: () => issued };
}
