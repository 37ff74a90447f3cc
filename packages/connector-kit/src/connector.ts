import {
  type AnyTool,
  type Clock,
  defineTool,
  parseOrThrow,
  RampartError,
  systemClock,
  issuesOf,
} from '@rampart/core/connector';
import pRetry from 'p-retry';
import { type Authenticator, createAuthenticator, type OutgoingRequest } from './auth.js';
import { AttemptAbort, abortableTransportRequest } from './attempt-abort.js';
import type { CallReport, ConnectorCallContext } from './call-report.js';
import type {
  ConnectorDefinition,
  ConnectorTools,
  CredentialsFor,
  OperationDefinition,
  OperationInput,
  OperationName,
  OperationOutput,
  PaginatedOperationName,
  PaginationDefinition,
} from './definition.js';
import { assertValidDefinition } from './definition-check.js';
import {
  AuthenticationError,
  ConnectorConfigurationError,
  ConnectorHttpError,
  InvalidResponseError,
  RateLimitedError,
  VendorUnavailableError,
} from './errors.js';
import { HostAllowList } from './host-allow-list.js';
import { errorForStatus, errorForTransport, recordRequest, recordResponse } from './http-errors.js';
import { type ConnectorLogger, consoleLogger } from './logger.js';
import { PageWalker, type PreparedRequest, pageItems } from './pagination.js';
import { type QuotaBucket, QuotaManager, type QuotaStatus, type RedisConnectionOptions } from './quota.js';
import { Redactor } from './redaction.js';
import { readVendorBudget, retryAfterMs } from './retry-after.js';
import { realSleep, type Sleep } from './sleep.js';
import { isThrottlingResponse } from './throttling-response.js';
import type { Transport, TransportResponse, TransportTimeouts } from './transport.js';
import { TransportError, toTransportError } from './transport.js';
import { fetchTransport } from './transport-fetch.js';
import { buildRequestParts, expandUrlTemplate, isPlainObject } from './url-template.js';

export interface RetryOptions {
  /** Attempts in total, the first included. Default 4. */
  maxAttempts?: number;
  /** Wall-time budget of one call, waits included; a wait that would overrun it is not started. Default 60 s. */
  budgetMs?: number;
  /** Full jitter: each backoff is random(0, min(maxDelayMs, baseDelayMs × 2^retry)). Default 250 ms. */
  baseDelayMs?: number;
  /** Default 20 s. */
  maxDelayMs?: number;
}

export interface ConnectorOptions<D extends ConnectorDefinition> {
  /** Secrets for one of the definition's auth methods, picked by `type`. */
  credentials: CredentialsFor<D['auth']>;
  /** Values for the base URL template, e.g. `{ domain: 'acme.okta.com' }`. */
  baseUrlVariables?: { readonly [K in keyof NonNullable<D['baseUrlVariables']>]?: string };
  /** The tenant these credentials belong to; rate-limit buckets are keyed by it. Default `default`. */
  tenantId?: string;
  /**
   * Hosts requests may go to (`host`, `host:port`, `*.domain`). Default: the base URL's host and the OAuth2 token
   * endpoint's host. Redirects, pagination links and vendor-supplied URLs are checked against it too.
   */
  allowedHosts?: readonly string[];
  /** Permit `http:` to non-loopback hosts (never in production). */
  allowInsecureHttp?: boolean;
  /** Default: `fetchTransport` (global fetch + undici Agent). Use `undiciTransport()` for the lowest overhead. */
  transport?: Transport;
  /** Transport timeouts (used when the default transport is created) and the per-attempt `requestMs`. */
  timeouts?: TransportTimeouts & {
    /** Whole attempt, from sending to the last body byte. Default 60 s. */
    requestMs?: number;
  };
  /** Share rate-limit buckets across processes through Redis (bottleneck clustering). */
  redis?: RedisConnectionOptions;
  clock?: Clock;
  /** Injected so tests never wait for real. */
  sleep?: Sleep;
  /** Random source in [0, 1) for jitter. */
  random?: () => number;
  logger?: ConnectorLogger;
  retry?: RetryOptions;
  /** Pages `paginate` and `pages` fetch at most, unless a call says otherwise. Default 100. */
  maxPages?: number;
  /** Refresh OAuth2 tokens this long before they expire. Default 60 s. */
  tokenRefreshSkewMs?: number;
  /** Redirects followed for GET and HEAD. Default 5. */
  maxRedirects?: number;
  /** Extra headers on every request (never credentials: use `credentials`). */
  headers?: Readonly<Record<string, string>>;
  /** Called after every vendor call with its timing (see `CallReport`). */
  onCallEnd?: (report: CallReport) => void;
}

export interface ConnectorResponse<T> {
  data: T;
  status: number;
  /** Response headers, sensitive ones redacted. */
  headers: Record<string, string>;
  report: CallReport;
}

export interface PaginateOptions {
  maxPages?: number;
  context?: ConnectorCallContext;
  /**
   * Pages an operation with this style instead of (or without) the one its definition declares: for hand-written
   * code over generated operations, e.g. Microsoft Graph's `@odata.nextLink` (`{ style: 'next-link', nextLinkPath:
   * '/@odata.nextLink', itemsPath: 'value' }`).
   */
  pagination?: PaginationDefinition;
}

/** `paginate` / `pages` options naming the pagination of an operation whose definition declares none. */
export interface PaginateWithOptions<P extends string> extends PaginateOptions {
  pagination: PaginationDefinition & { readonly itemsPath: P };
}

export interface Page<T, Item> {
  /** 1-based. */
  page: number;
  data: T;
  items: Item[];
  report: CallReport;
}

type NonNull<T> = T extends null | undefined ? never : T;
type PathValue<T, P extends string> = P extends `${infer Head}.${infer Rest}`
  ? Head extends keyof NonNull<T>
    ? PathValue<NonNull<T>[Head], Rest>
    : unknown
  : P extends keyof NonNull<T>
    ? NonNull<T>[P]
    : unknown;
type ElementOf<T> = NonNull<T> extends readonly (infer E)[] ? E : unknown;

/** The item type `paginate` yields: the element of the array at the operation's `itemsPath` (or of the body). */
export type PageItem<D extends ConnectorDefinition, K extends OperationName<D>> = D['operations'][K] extends {
  readonly pagination: { readonly itemsPath: infer P extends string };
}
  ? ElementOf<PathValue<OperationOutput<D, K>, P>>
  : ElementOf<OperationOutput<D, K>>;

export interface Connector<D extends ConnectorDefinition> {
  readonly id: D['id'];
  readonly definition: D;
  /** One tool per operation (and per deprecated alias): callable directly, exportable to model APIs. */
  readonly tools: ConnectorTools<D>;
  /** Calls an operation and returns the validated body with status, headers and the call report. */
  request<K extends OperationName<D>>(
    operation: K,
    input: OperationInput<D, K>,
    context?: ConnectorCallContext,
  ): Promise<ConnectorResponse<OperationOutput<D, K>>>;
  /** Every item of a paginated operation, page after page, up to `maxPages`. */
  paginate<K extends PaginatedOperationName<D>>(
    operation: K,
    input: OperationInput<D, K>,
    options?: PaginateOptions,
  ): AsyncGenerator<PageItem<D, K>, void, undefined>;
  /** Every item of any operation, paged as `options.pagination` says. */
  paginate<K extends OperationName<D>, const P extends string>(
    operation: K,
    input: OperationInput<D, K>,
    options: PaginateWithOptions<P>,
  ): AsyncGenerator<ElementOf<PathValue<OperationOutput<D, K>, P>>, void, undefined>;
  /** The pages themselves, with their bodies and reports. */
  pages<K extends PaginatedOperationName<D>>(
    operation: K,
    input: OperationInput<D, K>,
    options?: PaginateOptions,
  ): AsyncGenerator<Page<OperationOutput<D, K>, PageItem<D, K>>, void, undefined>;
  /** The pages of any operation, paged as `options.pagination` says. */
  pages<K extends OperationName<D>, const P extends string>(
    operation: K,
    input: OperationInput<D, K>,
    options: PaginateWithOptions<P>,
  ): AsyncGenerator<Page<OperationOutput<D, K>, ElementOf<PathValue<OperationOutput<D, K>, P>>>, void, undefined>;
  /** Remaining budget per rate-limit bucket. */
  quota(): Promise<QuotaStatus[]>;
  /** Stops limiters (dropping queued calls), closes Redis connections and the transport it created. */
  close(): Promise<void>;
}

interface Invocation {
  data: unknown;
  response: TransportResponse;
  /** Built when someone reads it: a listener, `request()` or `pages()`. */
  report: CallReport | undefined;
}

/** Everything one call carries from attempt to attempt: one object instead of a closure per call. */
interface CallState {
  readonly operation: OperationDefinition;
  readonly prepared: PreparedRequest;
  readonly context: ConnectorCallContext;
  readonly page: number | undefined;
  readonly buckets: readonly QuotaBucket[];
  readonly startedAt: number;
  readonly deadline: number;
  readonly mayRepeat: boolean;
  attempts: number;
  rateLimitWaitMs: number;
  retryWaitMs: number;
  retryIndex: number;
  status: number | undefined;
  authRetried: boolean;
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
/** Errors raised before the operation's request reached the vendor: safe to retry for any operation. */
const unsentErrors = new WeakSet<object>();
/** The credential tag (e.g. OAuth2 token) a 401 was answered to. */
const credentialTags = new WeakMap<object, string>();
/** `application/json`, `+json` suffixes, and the AWS JSON protocol's `application/x-amz-json-1.1`. */
const jsonContentType = /[/+]json\b|\/x-amz-json-1\.[01]\b/i;
const emptyBody = /^\s*$/;

/** A timer callback that closes over nothing: the attempt comes as the timer's argument. */
function timeOutAttempt(abort: AttemptAbort): void {
  abort.timeOut();
}

function parseBody(response: TransportResponse): { ok: true; value: unknown } | { ok: false } {
  const body = response.body;
  if (body === '' || emptyBody.test(body)) return { ok: true, value: undefined };
  const type = response.headers['content-type'];
  if (type === undefined || type === '' || jsonContentType.test(type)) {
    try {
      return { ok: true, value: JSON.parse(body) };
    } catch {
      return { ok: false };
    }
  }
  return { ok: true, value: body };
}

function serializeBody(request: PreparedRequest): string | undefined {
  if (request.body === undefined) return undefined;
  if (request.contentType === 'application/x-www-form-urlencoded') {
    const form = new URLSearchParams();
    for (const [key, value] of Object.entries(isPlainObject(request.body) ? request.body : {})) {
      if (value === undefined || value === null) continue;
      if (Array.isArray(value)) for (const item of value) form.append(key, String(item));
      else form.append(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
    }
    return form.toString();
  }
  return JSON.stringify(request.body);
}

/**
 * Turns a connector definition into a live connector: typed tools, rate limits, retries, pagination, auth,
 * redaction and the host allow-list, all from the data in the definition.
 */
export function createConnector<const D extends ConnectorDefinition>(
  definition: D,
  options: ConnectorOptions<D>,
): Connector<D> {
  assertValidDefinition(definition);
  const clock = options.clock ?? systemClock;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const logger = options.logger ?? consoleLogger;
  const tenantId = options.tenantId ?? 'default';
  const maxAttempts = Math.max(1, options.retry?.maxAttempts ?? 4);
  const budgetMs = options.retry?.budgetMs ?? 60_000;
  const baseDelayMs = options.retry?.baseDelayMs ?? 250;
  const maxDelayMs = options.retry?.maxDelayMs ?? 20_000;
  const requestTimeoutMs = options.timeouts?.requestMs ?? 60_000;
  const maxRedirects = options.maxRedirects ?? 5;
  const connectorId = definition.id;

  const authMethods = Array.isArray(definition.auth) ? definition.auth : [definition.auth];
  const redactor = new Redactor({
    headers: authMethods.flatMap((method) => (method.type === 'apiKey' && method.in === 'header' ? [method.name] : [])),
    queryKeys: authMethods.flatMap((method) =>
      method.type === 'apiKey' && method.in === 'query' ? [method.name] : [],
    ),
  });

  const declaredVariables = definition.baseUrlVariables ?? {};
  const variables: Record<string, string> = {};
  for (const [name, variable] of Object.entries(declaredVariables)) {
    if (variable.default !== undefined) variables[name] = variable.default;
  }
  for (const [name, value] of Object.entries(options.baseUrlVariables ?? {})) {
    if (typeof value === 'string') variables[name] = value;
  }
  const baseUrl = new URL(expandUrlTemplate(definition.baseUrl, variables, declaredVariables));

  const ownsTransport = options.transport === undefined;
  const transport =
    options.transport ?? fetchTransport({ ...(options.timeouts ? { timeouts: options.timeouts } : {}) });

  // Assigned right below; the token exchange closes over it and only runs after construction.
  let allowList: HostAllowList;
  const exchangeToken = async (request: OutgoingRequest): Promise<TransportResponse> => {
    allowList.check(request.url, 'token-url', (url) => redactor.url(url));
    return sendOnce(request, undefined, 'oauth2Token');
  };
  const auth: Authenticator = createAuthenticator({
    connectorId,
    auth: definition.auth,
    credentials: options.credentials as never,
    variables,
    declaredVariables,
    redactor,
    clock,
    exchangeToken,
    ...(options.tokenRefreshSkewMs !== undefined ? { refreshSkewMs: options.tokenRefreshSkewMs } : {}),
  });
  allowList = new HostAllowList(
    options.allowedHosts ?? [
      HostAllowList.entryFor(baseUrl),
      ...(auth.tokenUrl !== undefined ? [HostAllowList.entryFor(auth.tokenUrl)] : []),
    ],
    options.allowInsecureHttp ?? false,
  );
  allowList.check(baseUrl, 'base-url', (url) => redactor.url(url));

  const quotas = new QuotaManager({
    connectorId,
    quotas: definition.quotas,
    tenantId,
    credentialId: auth.credentialId,
    ...(options.redis !== undefined ? { redis: options.redis } : {}),
    clock,
    sleep,
    logger,
  });

  const operationsByName = new Map<string, OperationDefinition>();
  for (const operation of Object.values(definition.operations) as OperationDefinition[]) {
    operationsByName.set(operation.name, operation);
    for (const alias of operation.deprecatedAliases ?? []) operationsByName.set(alias, operation);
  }
  const warnedAliases = new Set<string>();
  let closed = false;

  // Computed once, not per call.
  const baseUrlText = baseUrl.toString();
  const baseOrigin = baseUrl.origin;
  const baseHeaders: Record<string, string> = {
    accept: 'application/json',
    'user-agent': `rampart-connector-kit (${connectorId})`,
  };
  for (const [name, value] of Object.entries(options.headers ?? {})) baseHeaders[name.toLowerCase()] = value;
  const redactUrl = (url: URL) => redactor.url(url);
  const debugEnabled = logger.debugEnabled !== false;
  const bucketsByOperation = new Map<string, readonly QuotaBucket[]>();

  /** The buckets of an operation, built on its first call and kept: their keys never change. */
  function bucketsOf(operation: OperationDefinition): readonly QuotaBucket[] {
    let buckets = bucketsByOperation.get(operation.name);
    if (buckets === undefined) {
      buckets = quotas.bucketsFor(operation.name, operation.quota);
      bucketsByOperation.set(operation.name, buckets);
    }
    return buckets;
  }

  function warnAlias(alias: string, operation: OperationDefinition) {
    if (warnedAliases.has(alias)) return;
    warnedAliases.add(alias);
    logger.warn(`${connectorId}.${alias} is deprecated; use ${connectorId}.${operation.name}`, {
      connector: connectorId,
      alias,
      operation: operation.name,
    });
  }

  function lookup(name: string): OperationDefinition {
    const operation = operationsByName.get(name);
    if (operation === undefined) {
      throw new ConnectorConfigurationError(`${connectorId} has no operation "${name}"`);
    }
    if (name !== operation.name) warnAlias(name, operation);
    return operation;
  }

  function checkContext(context: ConnectorCallContext) {
    if (closed) throw new ConnectorConfigurationError(`${connectorId} connector is closed`);
    if (options.tenantId !== undefined && context.tenantId !== undefined && context.tenantId !== options.tenantId) {
      throw new ConnectorConfigurationError(
        `${connectorId} connector holds credentials of tenant "${options.tenantId}" and refuses a call for tenant "${context.tenantId}"`,
      );
    }
  }

  function prepare(operation: OperationDefinition, input: Record<string, unknown>): PreparedRequest {
    const parts = buildRequestParts(
      baseUrlText,
      operation.path,
      operation.parameters,
      input,
      `tool ${operation.name} input`,
    );
    const headers: Record<string, string> = { ...baseHeaders };
    for (const name in parts.headers) headers[name] = parts.headers[name]!;
    // Fixed headers of the operation (AWS JSON's `X-Amz-Target`); most operations have none.
    if (operation.headers !== undefined) {
      for (const [name, value] of Object.entries(operation.headers)) headers[name.toLowerCase()] = value;
    }
    const request: PreparedRequest = { method: operation.method, url: parts.url, headers, origin: 'request' };
    if (operation.body !== undefined) {
      const value =
        operation.body.field !== undefined
          ? input[operation.body.field]
          : Object.fromEntries(Object.entries(parts.remaining).filter(([, item]) => item !== undefined));
      request.body = value;
      request.contentType = operation.body.contentType;
    }
    return request;
  }

  /**
   * One exchange with the network: the per-attempt deadline, the transport, and transport failures mapped to the
   * taxonomy. The deadline is one cleared timer on an `AttemptAbort` (a minimal emitter undici listens to; an
   * AbortSignal is made only for transports that read one); the caller's signal is linked to it by a listener.
   */
  async function sendOnce(request: OutgoingRequest, signal: AbortSignal | undefined, operationName: string) {
    if (signal?.aborted) throw signal.reason;
    const abort = new AttemptAbort();
    const timer = setTimeout(timeOutAttempt, requestTimeoutMs, abort);
    const forwardAbort = signal === undefined ? undefined : () => abort.abort(signal.reason);
    if (forwardAbort !== undefined) signal!.addEventListener('abort', forwardAbort, { once: true });
    try {
      return await transport.send(
        abortableTransportRequest(request.method, request.url.href, request.headers, request.body, abort),
      );
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      const transportError = abort.timedOut
        ? new TransportError('request timed out', 'TIMEOUT', false, true)
        : (toTransportError(error) ?? new TransportError('request aborted', 'ABORTED', false, false));
      const mapped = errorForTransport(
        { connector: connectorId, operation: operationName, redactor, request },
        transportError,
      );
      if (transportError.notSent) unsentErrors.add(mapped);
      throw mapped;
    } finally {
      clearTimeout(timer);
      if (forwardAbort !== undefined) signal!.removeEventListener('abort', forwardAbort);
    }
  }

  /** One attempt: host check, credentials, send, redirects (GET/HEAD only, each hop host-checked). */
  async function attempt(state: CallState): Promise<TransportResponse> {
    const { operation, prepared, buckets } = state;
    const signal = state.context.signal;
    let origin: 'request' | 'pagination' | 'redirect' = prepared.origin;
    let request: OutgoingRequest = {
      method: prepared.method,
      // The prepared request serves every attempt and page: copied only when credentials go into the query.
      url: auth.changesUrl === true ? new URL(prepared.url.href) : prepared.url,
      headers: { ...prepared.headers },
    };
    if (prepared.body !== undefined) {
      request.body = serializeBody(prepared)!;
      if (prepared.contentType !== undefined) request.headers['content-type'] = prepared.contentType;
    }
    for (let hops = 0; ; hops++) {
      allowList.check(request.url, origin, redactUrl);
      let tag: string | undefined;
      // Credentials go only to the API's own origin, never to a host reached by a redirect or a vendor link.
      if (request.url.origin === baseOrigin) {
        try {
          const authorized = auth.authorize(request, signal);
          // Static credentials answer at once; only a token fetch or a signature is awaited.
          tag = typeof authorized === 'object' ? await authorized : authorized;
        } catch (error) {
          if (typeof error === 'object' && error !== null) unsentErrors.add(error);
          throw error;
        }
      }
      const sentAt = clock.now();
      const response = await sendOnce(request, signal, operation.name);
      state.status = response.status;
      if (buckets.length > 0) quotas.observe(buckets, response.headers, sentAt);
      if (debugEnabled) {
        logger.debug('vendor call', {
          connector: connectorId,
          operation: operation.name,
          method: request.method,
          url: redactor.url(request.url),
          status: response.status,
        });
      }
      if (response.status >= 200 && response.status < 300) return response;
      const location = response.headers.location;
      if (redirectStatuses.has(response.status) && location !== undefined) {
        if (request.method !== 'GET' && request.method !== 'HEAD') {
          throw new ConnectorHttpError(`${response.status} redirect of a ${request.method} is not followed`, {
            connector: connectorId,
            operation: operation.name,
            request: recordRequest(redactor, request),
            response: recordResponse(redactor, response),
          });
        }
        if (hops >= maxRedirects) {
          throw new ConnectorHttpError(`more than ${maxRedirects} redirects`, {
            connector: connectorId,
            operation: operation.name,
            request: recordRequest(redactor, request),
            response: recordResponse(redactor, response),
          });
        }
        request = { method: request.method, url: new URL(location, request.url), headers: { ...prepared.headers } };
        origin = 'redirect';
        continue;
      }
      const now = clock.now();
      const throttled = isThrottlingResponse(response);
      let wait = retryAfterMs(response.headers, now);
      if (wait === undefined && throttled) {
        for (const bucket of buckets) {
          const budget = bucket.quota.headers && readVendorBudget(response.headers, bucket.quota.headers, now);
          if (budget?.resetAt !== undefined) wait = Math.max(wait ?? 0, budget.resetAt - now);
        }
      }
      const error = errorForStatus(
        { connector: connectorId, operation: operation.name, redactor, request },
        response,
        wait,
      );
      if (tag !== undefined) credentialTags.set(error, tag);
      if (throttled && wait !== undefined) quotas.pause(buckets, now + wait);
      throw error;
    }
  }

  /** One attempt through the quota buckets; the time spent waiting for them counts as rate-limit wait. */
  async function attemptThroughQuotas(state: CallState): Promise<TransportResponse> {
    state.attempts++;
    if (state.buckets.length === 0) return attempt(state);
    if (quotas.enterAtOnce(state.buckets)) {
      try {
        return await attempt(state);
      } finally {
        quotas.leave(state.buckets);
      }
    }
    const { result, waitMs } = await quotas.run(state.buckets, () => attempt(state), state.context.signal);
    state.rateLimitWaitMs += waitMs;
    return result;
  }

  function jitter(retry: number): number {
    return Math.floor(random() * Math.min(maxDelayMs, baseDelayMs * 2 ** retry));
  }

  /** Decides whether to try again and waits first; false ends the call with the error. */
  async function retryAfterFailure(state: CallState, error: unknown): Promise<boolean> {
    const signal = state.context.signal;
    if (signal?.aborted) return false;
    const unsent = typeof error === 'object' && error !== null && unsentErrors.has(error);
    let delay: number;
    if (RateLimitedError.isInstance(error)) {
      // A 429 was refused before it was processed (RFC 6585), so any call may be sent again.
      delay = error.retryAfterMs ?? jitter(state.retryIndex);
    } else if (VendorUnavailableError.isInstance(error)) {
      // A 5xx or a dropped connection may come after the vendor acted: repeat only what is safe to repeat.
      if (!state.mayRepeat && !unsent) return false;
      delay = error.retryAfterMs ?? jitter(state.retryIndex);
    } else {
      return false;
    }
    if (clock.now() + delay > state.deadline) return false;
    await sleep(delay, signal);
    if (RateLimitedError.isInstance(error)) state.rateLimitWaitMs += delay;
    else state.retryWaitMs += delay;
    state.retryIndex++;
    return true;
  }

  /** A 401 is refused before it is processed, so one more try with a fresh token is safe for any call. */
  function mayRetryWithFreshToken(state: CallState, error: unknown): boolean {
    return (
      !state.authRetried &&
      AuthenticationError.isInstance(error) &&
      error.operation !== 'oauth2Token' &&
      auth.invalidate(credentialTags.get(error))
    );
  }

  /** One attempt through the quotas; a 401 gets one more try with a fresh token outside the retry budget. */
  async function attemptWithFreshToken(state: CallState): Promise<TransportResponse> {
    try {
      return await attemptThroughQuotas(state);
    } catch (error) {
      if (!mayRetryWithFreshToken(state, error)) throw error;
      state.authRetried = true;
      return await attemptThroughQuotas(state);
    }
  }

  /**
   * After the first attempt failed (it runs inline in `invoke`, so a call that succeeds never enters this): a 401
   * gets one more try with a fresh token, then a retryable failure hands the remaining attempts to p-retry. Our
   * `retryAfterFailure` decides and waits (Retry-After, full jitter, the call's budget, idempotency), so p-retry's
   * own backoff is zero.
   */
  async function recoverFromFirstFailure(state: CallState, firstError: unknown): Promise<TransportResponse> {
    let error = firstError;
    if (mayRetryWithFreshToken(state, error)) {
      state.authRetried = true;
      try {
        return await attemptThroughQuotas(state);
      } catch (freshTokenError) {
        error = freshTokenError;
      }
    }
    if (maxAttempts <= 1 || !(await retryAfterFailure(state, error))) throw error;
    const signal = state.context.signal;
    return pRetry(() => attemptWithFreshToken(state), {
      retries: maxAttempts - 2,
      minTimeout: 0,
      maxTimeout: 0,
      randomize: false,
      ...(signal !== undefined ? { signal } : {}),
      shouldRetry: ({ error: retryError }) => retryAfterFailure(state, retryError),
    });
  }

  function buildReport(state: CallState, outcome: 'success' | 'error', error?: unknown): CallReport {
    const endedAt = clock.now();
    const result: CallReport = {
      connector: connectorId,
      operation: state.operation.name,
      tenantId,
      ...(state.context.caseId !== undefined ? { caseId: state.context.caseId } : {}),
      ...(state.page !== undefined ? { page: state.page } : {}),
      startedAt: state.startedAt,
      endedAt,
      durationMs: endedAt - state.startedAt,
      rateLimitWaitMs: state.rateLimitWaitMs,
      retryWaitMs: state.retryWaitMs,
      attempts: state.attempts,
      retries: Math.max(0, state.attempts - 1),
      ...(state.status !== undefined ? { status: state.status } : {}),
      outcome,
    };
    if (error !== undefined) {
      result.error = {
        name: error instanceof Error ? error.name : 'Error',
        message: redactor.scrub(error instanceof Error ? error.message : String(error)),
        ...(ConnectorHttpError.isInstance(error) && error.status !== undefined ? { status: error.status } : {}),
      };
    }
    return result;
  }

  /** Hands the report to the listeners; built only when someone reads it. */
  function finish(
    state: CallState,
    wantReport: boolean,
    outcome: 'success' | 'error',
    error?: unknown,
  ): CallReport | undefined {
    const listeners = options.onCallEnd !== undefined || state.context.onCallEnd !== undefined;
    if (!listeners && !wantReport) return undefined;
    const result = buildReport(state, outcome, error);
    for (const listener of [options.onCallEnd, state.context.onCallEnd]) {
      if (listener === undefined) continue;
      try {
        listener(result);
      } catch (listenerError) {
        logger.warn('onCallEnd listener threw', { error: redactor.scrub(String(listenerError)) });
      }
    }
    return result;
  }

  /** The vendor body, parsed and validated against the operation's output schema (the only parse it gets). */
  function validatedBody(state: CallState, response: TransportResponse): unknown {
    const parsed = parseBody(response);
    if (!parsed.ok) {
      throw new InvalidResponseError('response body is not valid JSON', {
        ...describeExchange(state, response),
        issues: [{ path: '', message: 'not valid JSON', code: 'invalid_json' }],
      });
    }
    const validated = state.operation.output.safeParse(parsed.value);
    if (!validated.success) {
      throw new InvalidResponseError('response does not match the output schema', {
        ...describeExchange(state, response),
        issues: issuesOf(validated.error),
      });
    }
    return validated.data;
  }

  /** Redacted records of an exchange, for an error: built only when one is thrown. */
  function describeExchange(state: CallState, response: TransportResponse) {
    const { operation, prepared } = state;
    return {
      connector: connectorId,
      operation: operation.name,
      request: recordRequest(redactor, { method: prepared.method, url: prepared.url, headers: prepared.headers }),
      response: recordResponse(redactor, response),
    };
  }

  async function invoke(
    operation: OperationDefinition,
    prepared: PreparedRequest,
    context: ConnectorCallContext,
    page: number | undefined,
    wantReport: boolean,
  ): Promise<Invocation> {
    checkContext(context);
    const startedAt = clock.now();
    if (context.idempotencyKey !== undefined && definition.idempotencyHeader !== undefined) {
      prepared = {
        ...prepared,
        headers: { ...prepared.headers, [definition.idempotencyHeader.toLowerCase()]: context.idempotencyKey },
      };
    }
    const state: CallState = {
      operation,
      prepared,
      context,
      page,
      buckets: bucketsOf(operation),
      startedAt,
      deadline: startedAt + budgetMs,
      mayRepeat: operation.idempotent || context.idempotencyKey !== undefined,
      attempts: 0,
      rateLimitWaitMs: 0,
      retryWaitMs: 0,
      retryIndex: 0,
      status: undefined,
      authRetried: false,
    };
    try {
      let response: TransportResponse;
      // The first attempt is awaited right here: a call that succeeds never enters the retry machinery.
      try {
        response = await attemptThroughQuotas(state);
      } catch (error) {
        response = await recoverFromFirstFailure(state, error);
      }
      const data = validatedBody(state, response);
      return { data, response, report: finish(state, wantReport, 'success') };
    } catch (error) {
      finish(state, false, 'error', error);
      throw error;
    }
  }

  /** Not `async`: one promise less per call; a synchronous throw (bad input) still reaches callers as a rejection. */
  function call(
    name: string,
    input: unknown,
    context: ConnectorCallContext,
    validated: boolean,
    wantReport: boolean,
  ): Promise<Invocation> {
    const operation = lookup(name);
    checkContext(context);
    const parsedInput = validated ? input : parseOrThrow(operation.input, input, `tool ${operation.name} input`);
    const prepared = prepare(operation, (isPlainObject(parsedInput) ? parsedInput : {}) as Record<string, unknown>);
    return invoke(operation, prepared, context, undefined, wantReport);
  }

  async function* pages(name: string, input: unknown, pageOptions: PaginateOptions = {}) {
    const operation = lookup(name);
    const pagination = pageOptions.pagination ?? operation.pagination;
    if (pagination === undefined) {
      throw new ConnectorConfigurationError(`${connectorId}.${operation.name} does not paginate`);
    }
    const context = pageOptions.context ?? {};
    checkContext(context);
    const parsedInput = parseOrThrow(operation.input, input, `tool ${operation.name} input`);
    let prepared = prepare(operation, (isPlainObject(parsedInput) ? parsedInput : {}) as Record<string, unknown>);
    const maxPages = pageOptions.maxPages ?? options.maxPages ?? 100;
    const walker = new PageWalker(pagination);
    for (let page = 1; ; page++) {
      const result = await invoke(operation, prepared, context, page, true);
      const items = pageItems(pagination, result.data);
      if (items === undefined) {
        throw new InvalidResponseError('page items are not an array', {
          connector: connectorId,
          operation: operation.name,
          request: recordRequest(redactor, { method: prepared.method, url: prepared.url, headers: prepared.headers }),
          response: recordResponse(redactor, result.response),
          issues: [{ path: pagination.itemsPath ?? '', message: 'expected an array of items', code: 'invalid_type' }],
        });
      }
      yield { page, data: result.data, items, report: result.report! };
      const next = walker.next(prepared, { data: result.data, headers: result.response.headers, items });
      if ('done' in next) return;
      if (page >= maxPages) {
        logger.warn(`${connectorId}.${operation.name}: stopped at the page limit (${maxPages}); more pages exist`, {
          connector: connectorId,
          operation: operation.name,
          maxPages,
        });
        return;
      }
      prepared = next.request;
    }
  }

  async function* paginate(name: string, input: unknown, pageOptions: PaginateOptions = {}) {
    for await (const page of pages(name, input, pageOptions)) yield* page.items;
  }

  const tools: Record<string, AnyTool> = {};
  for (const operation of Object.values(definition.operations) as OperationDefinition[]) {
    const spec = {
      description: operation.description,
      input: operation.input,
      output: operation.output,
      risk: operation.risk,
      idempotent: operation.idempotent,
      ...(operation.scopes !== undefined ? { scopes: operation.scopes } : {}),
      ...(operation.capabilities !== undefined ? { capabilities: operation.capabilities } : {}),
    };
    // `defineTool` validates the input before and the output after; the runtime validates the vendor body itself
    // (so a bad body is an InvalidResponseError) and hands the raw body on for the tool's own output parse.
    tools[operation.name] = defineTool({
      ...spec,
      name: operation.name,
      execute: async (input, context) => (await call(operation.name, input, context ?? {}, true, false)).data as never,
      outputAlreadyParsed: true,
    });
    for (const alias of operation.deprecatedAliases ?? []) {
      tools[alias] = defineTool({
        ...spec,
        name: alias,
        description: `Deprecated: use ${operation.name}. ${operation.description}`,
        execute: async (input, context) => (await call(alias, input, context ?? {}, true, false)).data as never,
        outputAlreadyParsed: true,
      });
    }
  }

  return {
    id: definition.id,
    definition,
    tools: Object.freeze(tools) as unknown as ConnectorTools<D>,
    async request(name, input, context) {
      const result = await call(name, input, context ?? {}, false, true);
      return {
        data: result.data as never,
        status: result.response.status,
        headers: redactor.headers(result.response.headers),
        report: result.report!,
      };
    },
    paginate: paginate as unknown as Connector<D>['paginate'],
    pages: pages as unknown as Connector<D>['pages'],
    quota: () => quotas.status(),
    async close() {
      if (closed) return;
      closed = true;
      await quotas.close();
      if (ownsTransport) await transport.close?.();
    },
  };
}

/** True for errors a caller may want to retry later (the connector already retried what it safely could). */
export function isRetryableConnectorError(error: unknown): boolean {
  return RampartError.isInstance(error) && (error as { isRetryable?: unknown }).isRetryable === true;
}
