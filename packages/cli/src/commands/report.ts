import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { openExistingDatabase } from '../open-database.js';
import type { Write } from '../output.js';
import { collectCaseReport } from '../report/case-report.js';
import { renderCaseReport } from '../report/render-report.js';
import { UsageError } from '../usage.js';

export interface ReportArguments {
  caseId: string;
  htmlPath: string | undefined;
  databasePath: string;
  tenantId: string | undefined;
}

/**
 * `rampart report <caseId> --html FILE`: writes one self-contained HTML page about a case (header and SLA timers,
 * timeline, evidence, decision trace, audit proofs against a signed tree head). Returns the exit code.
 */
export async function runReport(arguments_: ReportArguments, out: Write): Promise<number> {
  if (arguments_.htmlPath === undefined) throw new UsageError('report needs --html FILE');
  const { stores, audit } = await openExistingDatabase(arguments_.databasePath);
  try {
    const report = await collectCaseReport(stores, audit, arguments_.caseId, arguments_.tenantId);
    mkdirSync(dirname(arguments_.htmlPath), { recursive: true });
    writeFileSync(arguments_.htmlPath, renderCaseReport(report, arguments_.databasePath));
    const verified = report.leaves.filter((leaf) => leaf.verified).length;
    out(
      `report: ${arguments_.htmlPath} (case ${report.record.id}, tenant ${report.record.tenantId}; ` +
        `${report.timeline.length} timeline entries, ${report.alerts.length} alert(s), ` +
        `${verified}/${report.leaves.length} audit leaves proven against tree head ${report.head.treeSize})\n`,
    );
    return verified === report.leaves.length && report.headVerified ? 0 : 1;
  } finally {
    stores.close();
  }
}
