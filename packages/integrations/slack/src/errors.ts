import { RampartError } from '@rampart/core/connector';

/** Slack error codes that mean Slack (not the caller) failed, so trying again later may work. */
const serverCodes = new Set(['fatal_error', 'internal_error', 'service_unavailable', 'request_timeout', 'ratelimited']);

/**
 * Slack answered `{ ok: false, error }`, which it does with HTTP 200, so the kit's HTTP error taxonomy never sees
 * it. `code` is Slack's machine code (channel_not_found, not_in_channel, missing_scope, invalid_auth ...).
 */
export class SlackApiError extends RampartError {
  override readonly name = 'SlackApiError' as const;
  override readonly fault: 'client' | 'server';
  readonly isRetryable: boolean;

  constructor(
    /** The Web API method, e.g. `chat.postMessage`. */
    readonly method: string,
    readonly code: string,
    readonly details: { needed?: string; provided?: string; warnings?: readonly string[] } = {},
  ) {
    const scopes = details.needed ? ` (needs ${details.needed}; token has ${details.provided ?? 'none'})` : '';
    super(`slack.${method}: ${code}${scopes}`);
    this.fault = serverCodes.has(code) ? 'server' : 'client';
    this.isRetryable = this.fault === 'server';
  }

  static override isInstance(value: unknown): value is SlackApiError {
    return RampartError.isInstance(value) && value.name === 'SlackApiError';
  }
}

interface SlackErrorBody {
  ok: false;
  error: string;
  needed?: string | null;
  provided?: string | null;
  response_metadata?: { messages?: string[] | null; warnings?: string[] | null } | null;
}

/** Throws `SlackApiError` when a Web API answer is `{ ok: false }`; otherwise narrows it to the success shape. */
export function assertSlackOk<T>(result: T, method: string): asserts result is Exclude<T, { ok: false }> {
  const body = result as Partial<SlackErrorBody> | null;
  if (typeof body !== 'object' || body === null || body.ok !== false) return;
  const warnings = [...(body.response_metadata?.messages ?? []), ...(body.response_metadata?.warnings ?? [])];
  throw new SlackApiError(method, typeof body.error === 'string' ? body.error : 'unknown_error', {
    ...(body.needed ? { needed: body.needed } : {}),
    ...(body.provided ? { provided: body.provided } : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
  });
}
