// A worker process for the concurrency test: opens the stores (migrating the schema if no one has yet), then
// appends `batches` batches of `size` audit events to one tenant's log, each event naming this writer.
import { AuditLog } from '@rampart/core';
import { postgresStores } from '../postgres-stores.js';

const [connectionString, schema, tenantId, writer, batches, size] = process.argv.slice(2);
if (!connectionString || !schema || !tenantId || !writer || !batches || !size) {
  throw new Error('usage: append-audit-events <url> <schema> <tenant> <writer> <batches> <size>');
}
const stores = await postgresStores({ connectionString, schema, maxConnections: 2 });
const log = await AuditLog.open(stores.auditFor(tenantId));
const started = Date.now();
for (let batch = 0; batch < Number(batches); batch++) {
  await log.appendMany(
    Array.from({ length: Number(size) }, (_, offset) => ({
      type: 'tool-called',
      at: batch * 1000 + offset,
      tenantId,
      actor: { type: 'agent' as const, id: writer },
      data: { writer, sequence: batch * Number(size) + offset },
    })),
  );
}
process.stdout.write(JSON.stringify({ started, finished: Date.now() }));
await stores.close();
