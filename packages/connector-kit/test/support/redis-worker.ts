/**
 * A second process for the clustered-quota test: makes `calls` requests through a connector that shares its
 * quota over Redis, then one more that must be held by the shared limit. Prints one JSON line with the outcome.
 */
import { createConnector } from '../../src/connector.js';
import { silentLogger } from '../../src/logger.js';
import { clusteredDefinition } from './clustered-definition.js';

const [baseUrl, tenantId, redisUrl, calls] = process.argv.slice(2) as [string, string, string, string];
const connector = createConnector(clusteredDefinition, {
  baseUrlVariables: { port: new URL(baseUrl).port },
  credentials: { type: 'bearer', token: 'shared-token-123' },
  tenantId,
  redis: {
    options: { host: new URL(redisUrl).hostname, port: Number(new URL(redisUrl).port || 6379) },
    keyPrefix: 'rampart-test',
  },
  logger: silentLogger,
});
let succeeded = 0;
for (let index = 0; index < Number(calls); index++) {
  await connector.tools.ping({});
  succeeded++;
}
let held = false;
try {
  await connector.tools.ping({}, { signal: AbortSignal.timeout(750) });
} catch {
  held = true;
}
const remaining = (await connector.quota()).find((bucket) => bucket.id === 'shared')?.remaining;
await connector.close();
process.stdout.write(`${JSON.stringify({ succeeded, held, remaining })}\n`);
