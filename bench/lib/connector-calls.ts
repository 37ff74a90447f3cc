import { createConnector, fetchTransport, silentLogger, undiciTransport } from '@rampart/connector-kit';
import { Agent, fetch as undiciFetch, request as undiciRequest } from 'undici';
import { benchToken, benchUserId, loopbackOktaDefinition } from './okta-fixtures.js';

/**
 * The calls the overhead benchmark compares: one Okta `getUser` through the kit's tool, and the same request
 * (same URL, method, headers, JSON parse of the body) made raw with undici. Each variant owns its connection pool,
 * sized like the kit's (32 sockets, keep-alive), and closes it.
 */

export type VariantName =
  | 'undici.request'
  | 'undici.fetch'
  | 'global fetch'
  | 'kit, undiciTransport'
  | 'kit, fetchTransport'
  | 'kit, undiciTransport, no quotas';

export interface CallVariant {
  readonly name: VariantName;
  call(): Promise<{ id: string }>;
  close(): Promise<void>;
}

const sockets = 32;
const keepAliveMs = 30_000;

function rawHeaders() {
  return {
    accept: 'application/json',
    'user-agent': 'rampart-connector-kit (okta)',
    authorization: `SSWS ${benchToken}`,
  };
}

export function createVariant(name: VariantName, baseUrl: string): CallVariant {
  const url = `${baseUrl}/api/v1/users/${benchUserId}`;
  const headers = rawHeaders();
  switch (name) {
    case 'undici.request': {
      const dispatcher = new Agent({ connections: sockets, keepAliveTimeout: keepAliveMs });
      return {
        name,
        async call() {
          const response = await undiciRequest(url, { method: 'GET', headers, dispatcher });
          return (await response.body.json()) as { id: string };
        },
        close: () => dispatcher.close(),
      };
    }
    case 'undici.fetch': {
      const dispatcher = new Agent({ connections: sockets, keepAliveTimeout: keepAliveMs });
      return {
        name,
        async call() {
          const response = await undiciFetch(url, { headers, dispatcher });
          return (await response.json()) as { id: string };
        },
        close: () => dispatcher.close(),
      };
    }
    case 'global fetch':
      // As an application would call it: Node's bundled undici and its global dispatcher.
      return {
        name,
        async call() {
          const response = await fetch(url, { headers });
          return (await response.json()) as { id: string };
        },
        close: async () => {},
      };
    case 'kit, undiciTransport':
    case 'kit, fetchTransport':
    case 'kit, undiciTransport, no quotas': {
      const transport =
        name === 'kit, fetchTransport'
          ? fetchTransport({ connections: sockets, timeouts: { keepAliveMs } })
          : undiciTransport({ connections: sockets, timeouts: { keepAliveMs } });
      // Okta's per-minute limits would turn a 10k-call run into minutes of waiting; the limiters stay in the path
      // (both buckets of getUser, the org-wide concurrency cap of 75 included), only their budgets never run out.
      const limited = loopbackOktaDefinition(baseUrl, (quota) => ({ ...quota, limit: 1_000_000_000 }));
      // Diagnostic: the same connector with no quota at all, so no limiter in the path.
      const definition =
        name === 'kit, undiciTransport, no quotas'
          ? {
              ...limited,
              quotas: [],
              operations: Object.fromEntries(
                Object.entries(limited.operations).map(([key, operation]) => [key, { ...operation, quota: undefined }]),
              ) as unknown as typeof limited.operations,
            }
          : limited;
      const connector = createConnector(definition, {
        credentials: { type: 'ssws', token: benchToken },
        tenantId: 'bench',
        transport,
        logger: silentLogger,
      });
      return {
        name,
        call: () => connector.tools.getUser({ userId: benchUserId }),
        async close() {
          await connector.close();
          await transport.close?.();
        },
      };
    }
  }
}

/** Runs `total` calls with `concurrency` in flight at a time. */
export async function runConcurrently(total: number, concurrency: number, call: () => Promise<unknown>) {
  let started = 0;
  const worker = async () => {
    while (started < total) {
      started++;
      await call();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
}
