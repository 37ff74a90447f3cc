import {
  type AuditLog,
  type Case,
  hashLeaf,
  type InclusionProof,
  type RunState,
  type SignedTreeHead,
  type StoredAlert,
  type TimelineEntry,
  verifyInclusionProof,
  verifySignedTreeHead,
} from '@rampart/core';
import type { SqliteStores } from '@rampart/store-sqlite';
import { UsageError } from '../usage.js';

/** One audit leaf of the case, with its inclusion proof against the report's signed tree head. */
export interface ReportLeaf {
  index: number;
  canonical: string;
  type: string;
  at: number;
  actor: string;
  proof: InclusionProof;
  /** The leaf hash is SHA-256(0x00 ‖ canonical) and the path leads from it to the signed head's root. */
  verified: boolean;
}

export interface CaseReport {
  record: Case;
  timeline: TimelineEntry[];
  alerts: StoredAlert[];
  runs: RunState[];
  leaves: ReportLeaf[];
  head: SignedTreeHead;
  /** The head's signature checks against the log's public key. */
  headVerified: boolean;
  /** The latest kept head did not cover the case, so the report signed a new one. */
  headSignedForReport: boolean;
  publicKeyPem: string;
}

interface LeafSummary {
  tenantId?: unknown;
  caseId?: unknown;
  type?: unknown;
  at?: unknown;
  actor?: { type?: unknown; id?: unknown };
}

/**
 * Reads what the report shows about one case: the record, timeline, alerts and runs from the stores, and every
 * audit leaf that names the case, each proven against a signed tree head that covers them all. Without a tenant,
 * the case's tenant is read from the audit log; a case id found in several tenants needs `--tenant`.
 */
export async function collectCaseReport(
  stores: SqliteStores,
  audit: AuditLog,
  caseId: string,
  tenantId: string | undefined,
): Promise<CaseReport> {
  const found: Array<{ index: number; canonical: string; summary: LeafSummary; tenantId: string }> = [];
  for await (const leaf of audit.leaves()) {
    // Most leaves belong to other cases: a cheap text test before parsing keeps a large log fast to scan.
    if (!leaf.canonical.includes(JSON.stringify(caseId))) continue;
    const summary = JSON.parse(leaf.canonical) as LeafSummary;
    if (summary.caseId !== caseId || typeof summary.tenantId !== 'string') continue;
    if (tenantId !== undefined && summary.tenantId !== tenantId) continue;
    found.push({ index: leaf.index, canonical: leaf.canonical, summary, tenantId: summary.tenantId });
  }
  const tenants = [...new Set(found.map((leaf) => leaf.tenantId))];
  if (tenants.length > 1) {
    throw new UsageError(`case ${caseId} exists in several tenants (${tenants.join(', ')}): give --tenant`);
  }
  const tenant = tenantId ?? tenants[0];
  const record = tenant === undefined ? null : await stores.cases.getCase(tenant, caseId);
  if (record === null || tenant === undefined) {
    throw new UsageError(`no case ${caseId}${tenantId === undefined ? '' : ` in tenant ${tenantId}`} in this database`);
  }

  const lastIndex = Math.max(...found.map((leaf) => leaf.index));
  const latest = await audit.latestTreeHead();
  const headSignedForReport = latest === undefined || latest.treeSize <= lastIndex;
  const head = headSignedForReport ? await audit.signTreeHead() : latest!;
  const leaves: ReportLeaf[] = [];
  for (const leaf of found) {
    const proof = await audit.inclusionProof(leaf.index, head.treeSize);
    const leafHash = hashLeaf(Buffer.from(leaf.canonical, 'utf8')).toString('hex');
    leaves.push({
      index: leaf.index,
      canonical: leaf.canonical,
      type: String(leaf.summary.type),
      at: typeof leaf.summary.at === 'number' ? leaf.summary.at : 0,
      actor: `${String(leaf.summary.actor?.type)}:${String(leaf.summary.actor?.id)}`,
      proof,
      verified: proof.leafHash === leafHash && verifyInclusionProof(proof, head),
    });
  }
  return {
    record,
    timeline: await stores.cases.getTimeline(tenant, caseId),
    alerts: await stores.cases.getAlerts(tenant, record.alertIds),
    runs: await stores.runs.listRuns(tenant, { caseId }),
    leaves,
    head,
    headVerified: verifySignedTreeHead(head, audit.publicKey),
    headSignedForReport,
    publicKeyPem: audit.publicKeyPem(),
  };
}
