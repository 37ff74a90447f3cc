import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** What a test server saw: the request as the provider would receive it. */
export interface RecordedRequest {
  url: string;
  headers: Headers;
  body: unknown;
}

export interface ProviderReply {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * An msw server for provider tests: every unhandled request fails the test, so nothing can leave the machine.
 * `reply` answers POSTs to one URL with the given replies in order (the last one repeats) and records them.
 */
export function useProviderServer() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return {
    server,
    reply(url: string, ...replies: ProviderReply[]): RecordedRequest[] {
      const requests: RecordedRequest[] = [];
      server.use(
        http.post(url, async ({ request }) => {
          requests.push({ url: request.url, headers: request.headers, body: await request.json() });
          const reply = replies[Math.min(requests.length, replies.length) - 1]!;
          const init = {
            status: reply.status ?? 200,
            headers: { 'content-type': 'application/json', ...reply.headers },
          };
          return typeof reply.body === 'string'
            ? new HttpResponse(reply.body, init)
            : HttpResponse.json(reply.body as Record<string, unknown>, init);
        }),
      );
      return requests;
    },
  };
}

/** Records each wait instead of waiting, so retry tests are instant and can assert the delays. */
export function recordingSleep() {
  const waits: number[] = [];
  return {
    waits,
    sleep: async (milliseconds: number) => {
      waits.push(milliseconds);
    },
  };
}
