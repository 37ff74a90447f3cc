import { stixBundleOfCase } from '@rampart/core';
import { openExistingDatabase } from '../open-database.js';
import type { Write } from '../output.js';
import { collectCaseReport } from '../report/case-report.js';

/**
 * `rampart stix <caseId>`: prints the STIX 2.1 bundle of a case's indicators and sightings (validated before it is
 * printed), with the ATT&CK techniques its alerts carry. The tenant is the case's, or `--tenant` when several
 * tenants have a case of that id.
 */
export async function runStix(
  arguments_: { caseId: string; databasePath: string; tenantId: string | undefined },
  out: Write,
): Promise<number> {
  const { stores, audit } = await openExistingDatabase(arguments_.databasePath);
  try {
    const report = await collectCaseReport(stores, audit, arguments_.caseId, arguments_.tenantId);
    const bundle = stixBundleOfCase({ case: report.record, alerts: report.alerts });
    out(`${JSON.stringify(bundle, null, 2)}\n`);
    return 0;
  } finally {
    stores.close();
  }
}
