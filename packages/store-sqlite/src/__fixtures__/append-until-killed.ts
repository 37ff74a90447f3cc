// Appends batches of 100 audit events to the SQLite file named on the command line until it is killed,
// printing the log size after each batch. The crash test kills it with SIGKILL mid-write.
import { AuditLog } from '@rampart/core';
import { SqliteAuditStore } from '../sqlite-audit-store.js';

const path = process.argv[2];
if (!path) throw new Error('usage: append-until-killed <database file>');
const log = await AuditLog.open(SqliteAuditStore.open(path));
for (let batch = 0; ; batch++) {
  const events = Array.from({ length: 100 }, (_, offset) => ({
    type: 'tool-called',
    at: batch * 100 + offset,
    tenantId: 'tenant-a',
    actor: { type: 'agent' as const, id: 'crash-test' },
    data: { batch, offset, padding: 'x'.repeat(200) },
  }));
  const [first] = await log.appendMany(events);
  process.stdout.write(`${first! + 100}\n`);
}
