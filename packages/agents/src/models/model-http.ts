import { issuesOf, ModelApiError } from '@rampart/core';
import type { z } from 'zod';
import { abortReason, type RetryOptions, retryAfterMilliseconds, withRetry } from './model-retry.js';

/** Options every HTTP adapter accepts besides its provider's own. */
export interface HttpModelOptions {
  /** Defaults to the global `fetch` at call time (so test interceptors apply). */
  fetch?: typeof globalThis.fetch;
  /** Extra request headers, e.g. for a gateway. */
  headers?: Record<string, string>;
  retry?: RetryOptions;
}

export interface JsonRequest<S extends z.ZodType> {
  /** The adapter's id, for errors. */
  model: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  /** What a successful response must look like. */
  schema: S;
  /** Values that must never appear in an error: API keys, tokens. */
  secrets: readonly (string | undefined)[];
  /** Picks the provider's error message out of an error body. */
  errorMessage: (body: unknown) => string | undefined;
  /** Decides retryability where the status alone is not enough (e.g. quota exhausted is a 429 too). */
  retryable?: (status: number, body: unknown) => boolean | undefined;
  /** Header that carries the provider's request id. */
  requestIdHeader?: string;
  signal?: AbortSignal;
  options: HttpModelOptions;
}

const responseBodyLimit = 2_000;

/** Replaces every occurrence of every secret with `[REDACTED]`. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) result = result.replaceAll(secret, '[REDACTED]');
  }
  return result;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function shouldRetryHeader(headers: Headers): boolean | undefined {
  const value = headers.get('x-should-retry');
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

async function sendOnce<S extends z.ZodType>(request: JsonRequest<S>): Promise<z.output<S>> {
  const { model, secrets } = request;
  const url = redact(request.url, secrets);
  const fetchFunction = request.options.fetch ?? globalThis.fetch;
  let response: Response;
  try {
    response = await fetchFunction(request.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...request.options.headers, ...request.headers },
      body: JSON.stringify(request.body),
      signal: request.signal,
    });
  } catch (error) {
    if (request.signal?.aborted) throw abortReason(request.signal);
    const reason = redact(error instanceof Error ? error.message : String(error), secrets);
    throw new ModelApiError(`Could not reach ${url}: ${reason}`, { model, url });
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    if (request.signal?.aborted) throw abortReason(request.signal);
    const reason = redact(error instanceof Error ? error.message : String(error), secrets);
    throw new ModelApiError(`${model}: the response from ${url} broke off: ${reason}`, { model, url });
  }
  const requestId = response.headers.get(request.requestIdHeader ?? 'x-request-id') ?? undefined;
  const body = parseJson(text);
  if (!response.ok) {
    const providerMessage = request.errorMessage(body) ?? (text.trim() || response.statusText);
    throw new ModelApiError(redact(`${model} returned ${response.status}: ${providerMessage}`, secrets), {
      model,
      status: response.status,
      retryable: shouldRetryHeader(response.headers) ?? request.retryable?.(response.status, body),
      retryAfterMs: retryAfterMilliseconds(response.headers, request.options.retry?.clock),
      requestId,
      url,
      responseBody: redact(text.slice(0, responseBodyLimit), secrets),
    });
  }
  const invalid = (reason: string) =>
    new ModelApiError(`${model} sent a response that is not a valid ${reason}`, {
      model,
      status: response.status,
      retryable: false,
      requestId,
      url,
      responseBody: redact(text.slice(0, responseBodyLimit), secrets),
    });
  if (body === undefined) throw invalid('JSON document');
  const parsed = request.schema.safeParse(body);
  if (!parsed.success) {
    const issues = issuesOf(parsed.error)
      .map((issue) => `${issue.path || '(root)'}: ${issue.message}`)
      .join('; ');
    throw invalid(`response (${issues})`);
  }
  return parsed.data;
}

/** POSTs JSON, retries what is retryable, and validates the answer with `schema`. */
export function postJson<S extends z.ZodType>(request: JsonRequest<S>): Promise<z.output<S>> {
  return withRetry(() => sendOnce(request), request.options.retry, request.signal);
}

/** Joins a base URL and a path without doubling or dropping the slash. */
export function joinUrl(baseURL: string, path: string): string {
  return `${baseURL.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
