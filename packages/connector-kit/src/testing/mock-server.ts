import type { RequestHandler } from 'msw';
import { type SetupServer, setupServer } from 'msw/node';

export interface MockServer {
  readonly server: SetupServer;
  /** Adds handlers in front of the initial ones (until `reset`). */
  use(...handlers: RequestHandler[]): void;
  /** Drops handlers added with `use`. */
  reset(): void;
  close(): void;
}

/**
 * Starts msw's request interception for Node: the global `fetch` (the default transport) is answered by the
 * handlers. Unhandled requests fail the test by default, so a stray call never reaches a real vendor.
 */
export function startMockServer(
  handlers: readonly RequestHandler[],
  options: { onUnhandledRequest?: 'error' | 'warn' | 'bypass' } = {},
): MockServer {
  const server = setupServer(...handlers);
  server.listen({ onUnhandledRequest: options.onUnhandledRequest ?? 'error' });
  return {
    server,
    use: (...extra) => server.use(...extra),
    reset: () => server.resetHandlers(),
    close: () => server.close(),
  };
}
