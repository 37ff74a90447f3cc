import { ManualClock } from '@rampart/core';
import { z } from 'zod';
import { defineConnector } from '../../src/definition.js';
import type { ConnectorLogger } from '../../src/logger.js';
import type { Sleep } from '../../src/sleep.js';

export const SECRET_TOKEN = 'ssws-secret-00aa11bb22cc33dd';

const User = z.looseObject({
  id: z.string(),
  status: z.enum(['ACTIVE', 'SUSPENDED', 'DEPROVISIONED']),
  profile: z.looseObject({ login: z.string(), email: z.string().optional() }),
});

/** A made-up vendor that exercises every feature of the definition contract. */
export const acme = defineConnector({
  id: 'acme',
  vendor: 'Acme',
  product: 'Identity Cloud',
  categories: ['iam'],
  baseUrl: 'https://{domain}',
  baseUrlVariables: {
    domain: {
      description: 'Your Acme org domain',
      example: 'tenant.acme.example',
      pattern: '[a-z0-9-]+\\.acme\\.example',
    },
  },
  auth: { type: 'ssws' },
  quotas: [
    {
      id: 'users',
      scope: 'org',
      limit: 1000,
      windowMs: 60_000,
      source: 'https://acme.example/docs/rate-limits',
      headers: { limit: 'x-rate-limit-limit', remaining: 'x-rate-limit-remaining', reset: 'x-rate-limit-reset' },
    },
  ],
  documentation: 'https://acme.example/docs/api',
  idempotencyHeader: 'Idempotency-Key',
  operations: {
    getUser: {
      name: 'getUser',
      description: 'Reads one user by id, with profile and status.',
      method: 'GET',
      path: '/api/v1/users/{userId}',
      parameters: [{ name: 'userId', in: 'path' }],
      input: z.object({ userId: z.string().min(1) }),
      output: User,
      risk: 'read',
      idempotent: true,
      quota: 'users',
      deprecatedAliases: ['fetchUser'],
    },
    suspendUser: {
      name: 'suspendUser',
      description: 'Suspends a user so they can no longer sign in.',
      method: 'POST',
      path: '/api/v1/users/{userId}/lifecycle/suspend',
      parameters: [{ name: 'userId', in: 'path' }],
      input: z.object({ userId: z.string().min(1) }),
      output: z.void(),
      risk: 'contain',
      idempotent: true,
      quota: 'users',
      capabilities: ['user.suspend'],
    },
    createIncident: {
      name: 'createIncident',
      description: 'Opens a new incident ticket; calling twice opens two tickets.',
      method: 'POST',
      path: '/api/v1/incidents',
      parameters: [{ name: 'requestId', in: 'header', wireName: 'X-Request-Id' }],
      body: { contentType: 'application/json' },
      input: z.object({ title: z.string(), severity: z.number().int(), requestId: z.string().optional() }),
      output: z.looseObject({ id: z.string() }),
      risk: 'write',
      idempotent: false,
    },
    searchUsers: {
      name: 'searchUsers',
      description: 'Searches users by a filter expression and status.',
      method: 'GET',
      path: '/api/v1/users',
      parameters: [
        { name: 'query', in: 'query', wireName: 'q' },
        { name: 'statuses', in: 'query', wireName: 'status' },
        { name: 'limit', in: 'query' },
      ],
      input: z.object({
        query: z.string().optional(),
        statuses: z.array(z.string()).optional(),
        limit: z.number().int().optional(),
      }),
      output: z.array(User),
      risk: 'read',
      idempotent: true,
      quota: 'users',
      pagination: { style: 'link-header', limitParameter: 'limit' },
    },
    listAlerts: {
      name: 'listAlerts',
      description: 'Lists alerts, newest first, one cursor page at a time.',
      method: 'GET',
      path: '/api/v2/alerts',
      parameters: [{ name: 'pageSize', in: 'query', wireName: 'page_size' }],
      input: z.object({ pageSize: z.number().int().optional() }),
      output: z.looseObject({
        data: z.array(z.looseObject({ id: z.string(), severity: z.number() })),
        meta: z.looseObject({ next: z.string().nullable() }),
      }),
      risk: 'read',
      idempotent: true,
      pagination: {
        style: 'cursor',
        cursorParameter: 'cursor',
        cursorPath: 'meta.next',
        itemsPath: 'data',
        limitParameter: 'page_size',
      },
    },
    listDevices: {
      name: 'listDevices',
      description: 'Lists managed devices with offset and limit.',
      method: 'GET',
      path: '/api/v1/devices',
      parameters: [
        { name: 'offset', in: 'query' },
        { name: 'limit', in: 'query' },
      ],
      input: z.object({ offset: z.number().int().optional(), limit: z.number().int().optional() }),
      output: z.looseObject({ items: z.array(z.looseObject({ id: z.string() })), total: z.number() }),
      risk: 'read',
      idempotent: true,
      pagination: {
        style: 'offset',
        offsetParameter: 'offset',
        limitParameter: 'limit',
        itemsPath: 'items',
        totalPath: 'total',
      },
    },
    listFindings: {
      name: 'listFindings',
      description: 'Lists findings; the continuation token travels in the JSON body.',
      method: 'POST',
      path: '/findings/list',
      parameters: [],
      body: { contentType: 'application/json' },
      input: z.object({ maxResults: z.number().int().optional() }),
      output: z.looseObject({ findingIds: z.array(z.string()), nextToken: z.string().optional() }),
      risk: 'read',
      idempotent: true,
      pagination: {
        style: 'next-token',
        tokenParameter: 'nextToken',
        tokenPath: 'nextToken',
        tokenIn: 'body',
        itemsPath: 'findingIds',
      },
    },
    listTickets: {
      name: 'listTickets',
      description: 'Lists tickets by page number.',
      method: 'GET',
      path: '/api/v1/tickets',
      parameters: [
        { name: 'page', in: 'query' },
        { name: 'perPage', in: 'query', wireName: 'per_page' },
      ],
      input: z.object({ page: z.number().int().optional(), perPage: z.number().int().optional() }),
      output: z.looseObject({ tickets: z.array(z.looseObject({ id: z.number() })) }),
      risk: 'read',
      idempotent: true,
      pagination: { style: 'page-number', pageParameter: 'page', limitParameter: 'per_page', itemsPath: 'tickets' },
    },
    listLogs: {
      name: 'listLogs',
      description: 'Lists audit log entries with a next-token in the query.',
      method: 'GET',
      path: '/api/v1/logs',
      parameters: [],
      input: z.object({}),
      output: z.looseObject({ entries: z.array(z.string()), next: z.string().optional() }),
      risk: 'read',
      idempotent: true,
      pagination: { style: 'next-token', tokenParameter: 'token', tokenPath: 'next', itemsPath: 'entries' },
    },
  },
});

export const acmeVariables = { domain: 'tenant.acme.example' };
export const acmeBase = 'https://tenant.acme.example';

export const sampleUser = { id: '00u1', status: 'ACTIVE', profile: { login: 'ana@acme.example' }, extra: { x: 1 } };

export interface CapturedLog {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields: Record<string, unknown> | undefined;
}

export function captureLogger(): ConnectorLogger & { lines: CapturedLog[] } {
  const lines: CapturedLog[] = [];
  const at = (level: CapturedLog['level']) => (message: string, fields?: Record<string, unknown>) =>
    void lines.push({ level, message, fields });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** A clock and a sleep that moves it: retries and waits take no real time and are observable. */
export function virtualTime(start = Date.UTC(2026, 10, 27, 12)) {
  const clock = new ManualClock(start);
  const sleeps: number[] = [];
  const sleep: Sleep = async (milliseconds, signal) => {
    signal?.throwIfAborted();
    sleeps.push(milliseconds);
    clock.advance(Math.max(0, milliseconds));
    await Promise.resolve();
  };
  return { clock, sleeps, sleep };
}

let tenantCounter = 0;
/** A fresh tenant id, so local limiters (shared per process) never leak between tests. */
export function freshTenant(): string {
  tenantCounter++;
  return `tenant-${process.pid}-${tenantCounter}-${Math.random().toString(36).slice(2, 8)}`;
}
