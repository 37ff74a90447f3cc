/**
 * A worker process of connector-quota.bench.ts: `instances` Okta connectors sharing one Redis-clustered quota.
 * It says `ready` once they exist, waits for `start` (a wall-clock start and end), then every instance calls
 * `getUser` back to back until the end, and the process reports what each call did.
 */
import { type CallReport, type ConnectorLogger, createConnector } from '@rampart/connector-kit';
import Bottleneck from 'bottleneck';
import type { QuotaWorkerMessage, QuotaWorkerOptions, QuotaWorkerResult } from './quota-protocol.js';
import { benchToken, benchUserId, loopbackOktaDefinition } from './okta-fixtures.js';

const options = JSON.parse(process.argv[2]!) as QuotaWorkerOptions;
const send = (message: QuotaWorkerMessage) => process.send?.(message);
if (options.heartbeatMs !== undefined) {
  // The kit's limiters are made by this same bottleneck module, so its Redis store default applies to them.
  (
    Bottleneck.prototype as unknown as { redisStoreDefaults: { heartbeatInterval: number } }
  ).redisStoreDefaults.heartbeatInterval = options.heartbeatMs;
}

const result: QuotaWorkerResult = {
  worker: options.worker,
  succeeded: 0,
  heldAtEnd: 0,
  failed: [],
  attempts: 0,
  rateLimitWaitMs: 0,
  pauses: 0,
  limiterErrors: [],
};
const logger: ConnectorLogger = {
  debug() {},
  info(message) {
    if (message === 'quota paused') result.pauses++;
  },
  warn(message, fields) {
    result.limiterErrors.push(`${message} ${JSON.stringify(fields ?? {})}`);
  },
  error(message, fields) {
    result.limiterErrors.push(`${message} ${JSON.stringify(fields ?? {})}`);
  },
};
const definition = loopbackOktaDefinition(options.baseUrl, (quota) =>
  quota.id === options.quotaId ? { ...quota, limit: options.limit, windowMs: options.windowMs } : quota,
);
const onCallEnd = (report: CallReport) => {
  result.attempts += report.attempts;
  result.rateLimitWaitMs += report.rateLimitWaitMs;
};
const connectors = Array.from({ length: options.instances }, () =>
  createConnector(definition, {
    credentials: { type: 'ssws', token: benchToken },
    tenantId: 'acme',
    redis: { options: { host: options.redisHost, port: options.redisPort }, keyPrefix: options.keyPrefix },
    logger,
    onCallEnd,
  }),
);

const start = await new Promise<{ startAt: number; endAt: number }>((resolve) => {
  process.on('message', (message: { type: string; startAt: number; endAt: number }) => {
    if (message.type === 'start') resolve(message);
  });
  send({ type: 'ready' });
});

await new Promise((resolve) => setTimeout(resolve, Math.max(0, start.startAt - Date.now())));
await Promise.all(
  connectors.map(async (connector) => {
    while (Date.now() < start.endAt) {
      try {
        // Past the end a call still waiting for its quota gives up; one already sent completes.
        await connector.tools.getUser(
          { userId: benchUserId },
          { signal: AbortSignal.timeout(Math.max(1, start.endAt - Date.now())) },
        );
        result.succeeded++;
      } catch (error) {
        if (Date.now() >= start.endAt - 5) result.heldAtEnd++;
        else result.failed.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
      }
    }
  }),
);
await Promise.all(connectors.map((connector) => connector.close()));
send({ type: 'done', result });
process.exit(0);
