import type { BodyContentType, NextLinkPagination, PaginationDefinition } from './definition.js';
import { readPath } from './json-path.js';
import { parseLinkHeader } from './link-header.js';
import { isPlainObject } from './url-template.js';

/**
 * OData's server-driven paging (Microsoft Graph, Defender, Dynamics): items under `value`, the next page's whole URL
 * under `@odata.nextLink`, to be requested as sent
 * (https://docs.oasis-open.org/odata/odata-json-format/v4.01/odata-json-format-v4.01.html#sec_ControlInformationnextLinkodatanextLink,
 * https://learn.microsoft.com/en-us/graph/paging). Pass it as `pagination` to `paginate` or `pages`, or declare it.
 */
export const odataPagination = {
  style: 'next-link',
  nextLinkPath: '/@odata.nextLink',
  itemsPath: 'value',
} as const satisfies NextLinkPagination;

/** A request ready to send, before credentials: the unit pagination rewrites from page to page. */
export interface PreparedRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  /** Body value before serialisation (an object for JSON and form bodies). */
  body?: unknown;
  contentType?: BodyContentType;
  /** Where the URL came from; a vendor-supplied URL is host-checked as `pagination`. */
  origin: 'request' | 'pagination';
}

export interface ReceivedPage {
  data: unknown;
  headers: Readonly<Record<string, string>>;
  items: readonly unknown[];
}

export type NextPage = { request: PreparedRequest } | { done: true; reason: string };

function withQuery(request: PreparedRequest, name: string, value: string): PreparedRequest {
  const url = new URL(request.url);
  url.searchParams.set(name, value);
  return { ...request, url };
}

function numberParameter(request: PreparedRequest, name: string | undefined): number | undefined {
  if (name === undefined) return undefined;
  const raw = request.url.searchParams.get(name);
  if (raw === null) return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}

function isEmptyToken(value: unknown): boolean {
  return value === undefined || value === null || value === '' || value === false;
}

/** Items of one page: at `itemsPath`, or the body itself. `undefined` when they are not an array. */
export function pageItems(pagination: PaginationDefinition, data: unknown): unknown[] | undefined {
  const items = readPath(data, pagination.itemsPath);
  if (items === undefined || items === null) return [];
  return Array.isArray(items) ? items : undefined;
}

/**
 * Follows one pagination style from page to page. Each instance guards against a vendor that repeats a cursor
 * (which would loop forever) by ending the iteration.
 */
export class PageWalker {
  private readonly seenTokens = new Set<string>();

  constructor(private readonly pagination: PaginationDefinition) {}

  next(request: PreparedRequest, page: ReceivedPage): NextPage {
    const pagination = this.pagination;
    switch (pagination.style) {
      case 'cursor': {
        const cursor = readPath(page.data, pagination.cursorPath);
        if (isEmptyToken(cursor)) return { done: true, reason: 'no cursor' };
        return (
          this.unseen(String(cursor)) ?? { request: withQuery(request, pagination.cursorParameter, String(cursor)) }
        );
      }
      case 'next-token': {
        const token = readPath(page.data, pagination.tokenPath);
        if (isEmptyToken(token)) return { done: true, reason: 'no token' };
        const repeated = this.unseen(String(token));
        if (repeated !== undefined) return repeated;
        if ((pagination.tokenIn ?? 'query') === 'body') {
          const body = isPlainObject(request.body) ? request.body : {};
          return { request: { ...request, body: { ...body, [pagination.tokenParameter]: token } } };
        }
        return { request: withQuery(request, pagination.tokenParameter, String(token)) };
      }
      case 'link-header': {
        const next = parseLinkHeader(page.headers.link).get('next');
        if (next === undefined) return { done: true, reason: 'no next link' };
        const repeated = this.unseen(next);
        if (repeated !== undefined) return repeated;
        // Resolved against the current URL; the runtime host-checks it before anything is sent.
        return { request: { ...request, url: new URL(next, request.url), body: undefined, origin: 'pagination' } };
      }
      case 'next-link': {
        const next = readPath(page.data, pagination.nextLinkPath);
        if (isEmptyToken(next)) return { done: true, reason: 'no next link' };
        const repeated = this.unseen(String(next));
        if (repeated !== undefined) return repeated;
        // The link carries the whole query (filter, page size, skip token); the runtime host-checks it.
        return {
          request: { ...request, url: new URL(String(next), request.url), body: undefined, origin: 'pagination' },
        };
      }
      case 'offset': {
        if (page.items.length === 0) return { done: true, reason: 'empty page' };
        const offset = (numberParameter(request, pagination.offsetParameter) ?? 0) + page.items.length;
        const limit = numberParameter(request, pagination.limitParameter);
        if (limit !== undefined && page.items.length < limit) return { done: true, reason: 'short page' };
        const total =
          pagination.totalPath === undefined ? undefined : Number(readPath(page.data, pagination.totalPath));
        if (total !== undefined && Number.isFinite(total) && offset >= total)
          return { done: true, reason: 'total reached' };
        return { request: withQuery(request, pagination.offsetParameter, String(offset)) };
      }
      case 'page-number': {
        if (page.items.length === 0) return { done: true, reason: 'empty page' };
        const limit = numberParameter(request, pagination.limitParameter);
        if (limit !== undefined && page.items.length < limit) return { done: true, reason: 'short page' };
        const current = numberParameter(request, pagination.pageParameter) ?? pagination.firstPage ?? 1;
        return { request: withQuery(request, pagination.pageParameter, String(current + 1)) };
      }
    }
  }

  private unseen(token: string): NextPage | undefined {
    if (this.seenTokens.has(token)) return { done: true, reason: 'repeated cursor' };
    this.seenTokens.add(token);
    return undefined;
  }
}
