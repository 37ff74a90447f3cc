import { rmSync } from 'node:fs';
import { AuditLog, alertTitle, createCaseEngine, ManualClock, parseAlert, sequentialIds } from '@rampart/core';
import { sqliteStores } from '@rampart/store-sqlite';
import { sampleAlerts } from '../demo/sample-alerts.js';
import { clockTime, renderCase } from '../render-case.js';

const tenantId = 'acme';
/** Alerts reach Rampart a little after they happen; the demo's clock shows that lag. */
const ingestionLagMs = 20_000;
const correlationWindowMs = 2 * 60 * 60 * 1000;

type Write = (text: string) => void;

/**
 * Ingests the bundled sample alerts one by one, as they would arrive, into a fresh database; prints what each
 * did, then every case with its timeline, then signs and verifies the audit log. Returns the exit code.
 */
export async function runDemo(options: { databasePath: string }, out: Write, errorOut: Write): Promise<number> {
  // The demo database is the demo's own: every run starts it anew so its output is the same each time.
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${options.databasePath}${suffix}`, { force: true });
  const stores = sqliteStores(options.databasePath);
  try {
    const alerts = sampleAlerts.map(parseAlert);
    const clock = new ManualClock(alerts[0]!.time);
    const audit = await AuditLog.open(stores.audit, { clock });
    const engine = createCaseEngine({ store: stores.cases, audit, clock, ids: sequentialIds(), correlationWindowMs });
    const vendors = new Set(alerts.map((alert) => alert.metadata.product.vendor_name));
    out(`Rampart demo: ${alerts.length} sample alerts from ${vendors.size} vendors for tenant "${tenantId}"\n\n`);

    for (const alert of alerts) {
      clock.set(alert.time + ingestionLagMs);
      const result = await engine.ingest([alert], { tenantId });
      const outcome = result.alerts[0]!;
      const summary = result.cases.find((item) => item.id === outcome.caseId);
      const what = outcome.duplicate
        ? `duplicate of ${outcome.alertId} on ${outcome.caseId}`
        : summary?.created
          ? `opened ${outcome.caseId}`
          : `joined ${outcome.caseId}`;
      out(`  ${clockTime(alert.time)}  ${alert.metadata.product.name.padEnd(24)} ${alertTitle(alert)}\n`);
      out(`            → ${what}\n`);
    }

    const page = await stores.cases.listCases(tenantId, { limit: 100 });
    const cases = [...page.cases].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
    out(`\n${cases.length} case(s)\n\n`);
    for (const record of cases) {
      out(`${renderCase(record, await stores.cases.getTimeline(tenantId, record.id))}\n`);
    }

    const head = await audit.signTreeHead();
    const verification = await audit.verify();
    if (!verification.ok) {
      errorOut(`audit log: bad leaf ${verification.firstBadLeaf}: ${verification.reason}\n`);
      return 1;
    }
    out(`audit log: ok ${verification.size} leaves root ${verification.root}\n`);
    out(`signed tree head: size ${head.treeSize}, key ${head.keyId.slice(0, 16)}…\n`);
    out(`database: ${options.databasePath} (try "rampart audit verify --db ${options.databasePath}")\n`);
    return 0;
  } finally {
    stores.close();
  }
}
