import {
  alertTitle,
  type SlaTargets,
  type SlaTimer,
  severityLabel,
  slaTimers,
  type StoredAlert,
  type TimelineEntry,
} from '@rampart/core';
import { describeEntry } from '../render-case.js';
import type { CaseReport, ReportLeaf } from './case-report.js';
import { html, SafeHtml } from './html.js';

/** The SLA targets the report measures against (a high-severity incident's usual targets). */
export const reportSlaTargets: SlaTargets = {
  timeToTriageMs: 15 * 60_000,
  timeToContainMs: 60 * 60_000,
  timeToResolveMs: 24 * 60 * 60_000,
};

/** `850 ms`, `12.4 s`, `14 m 05 s`, `26 h 03 m`: SLA targets run to a day and more. */
function formatDuration(milliseconds: number): string {
  if (milliseconds < 1_000) return `${Math.round(milliseconds)} ms`;
  if (milliseconds < 60_000) return `${(milliseconds / 1_000).toFixed(1)} s`;
  const seconds = Math.round(milliseconds / 1_000);
  if (seconds < 3_600) return `${Math.floor(seconds / 60)} m ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(seconds / 3_600)} h ${String(Math.floor((seconds % 3_600) / 60)).padStart(2, '0')} m`;
}

const iso = (epochMilliseconds: number) => new Date(epochMilliseconds).toISOString().replace('.000Z', 'Z');
const actorOf = (entry: TimelineEntry) => `${entry.actor.type}:${entry.actor.id}`;
const json = (value: unknown) => JSON.stringify(value ?? null, null, 2);

/** A constant of this file, never data: the one place raw text goes into the document (styles are not escaped). */
const style = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 1100px; padding: 24px; color: #1c2430; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 32px 0 8px; border-bottom: 1px solid #d8dee6; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; } th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid #e6eaef; }
th { background: #f4f6f9; font-weight: 600; } code, pre, .hash { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { background: #f4f6f9; padding: 8px; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
.hash { word-break: break-all; } .meta { color: #5a6675; } .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; background: #e8edf3; margin-right: 6px; }
.bad { background: #fde2e1; color: #8a1c15; } .good { background: #dff3e4; color: #1d6b34; } .warn { background: #fff1d6; color: #7a4d00; }
details { margin: 2px 0; } summary { cursor: pointer; }
`;

function badgeClass(status: string): string {
  if (['executed', 'approved', 'resolved', 'true', 'met', 'verified'].includes(status)) return 'badge good';
  if (['denied', 'failed', 'breached', 'false', 'unverified'].includes(status)) return 'badge bad';
  if (['pending-approval', 'pending', 'escalated'].includes(status)) return 'badge warn';
  return 'badge';
}

function badge(text: string, status = text): SafeHtml {
  return html`<span class="${badgeClass(status)}">${text}</span>`;
}

function slaRow(name: string, timer: SlaTimer): SafeHtml {
  const state = timer.met === true ? 'met' : timer.met === false || timer.breached ? 'breached' : 'pending';
  return html`<tr><td>${name}</td><td>${formatDuration(timer.elapsedMs)}</td><td>${formatDuration(timer.targetMs)}</td><td>${badge(state)}</td></tr>`;
}

function header(report: CaseReport): SafeHtml {
  const { record } = report;
  const asOf = Math.max(record.updatedAt, ...report.timeline.map((entry) => entry.at));
  const timers = slaTimers(record, reportSlaTargets, asOf);
  const verdict = record.verdict;
  return html`<header>
<h1>${record.title}</h1>
<p class="meta">Case <code>${record.id}</code> · tenant <code>${record.tenantId}</code> · opened ${iso(record.createdAt)} · last change ${iso(record.updatedAt)}${record.assignee === null ? '' : html` · assigned to ${record.assignee}`}</p>
<p>${badge(`status ${record.status}`, record.status)}${badge(
    verdict === null ? 'no verdict' : `verdict ${verdict.value} (confidence ${verdict.confidence.toFixed(2)})`,
  )}${badge(`severity ${severityLabel(record.severityId)}`)}${record.mergedInto === null ? '' : badge(`merged into ${record.mergedInto}`)}</p>
${verdict?.rationale === undefined ? '' : html`<p>${verdict.rationale} <span class="meta">(${verdict.decidedBy.type}:${verdict.decidedBy.id}, ${iso(verdict.at)})</span></p>`}
<h3>SLA timers</h3>
<p class="meta">From the case's creation, as of its last change (${iso(asOf)}).</p>
<table><tr><th>timer</th><th>elapsed</th><th>target</th><th>state</th></tr>
${slaRow('time to triage', timers.triage)}${slaRow('time to contain', timers.contain)}${slaRow('time to resolve', timers.resolve)}
</table>
</header>`;
}

function timelineSection(report: CaseReport): SafeHtml {
  return html`<section id="timeline"><h2>Timeline</h2>
<table><tr><th>time</th><th>actor</th><th>what</th></tr>
${report.timeline.map((entry) => html`<tr><td><code>${iso(entry.at)}</code></td><td>${actorOf(entry)}</td><td>${describeEntry(entry)}</td></tr>`)}
</table></section>`;
}

function alertBlock(stored: StoredAlert): SafeHtml {
  const alert = stored.alert;
  const product = alert.metadata.product;
  return html`<article class="alert"><h3>${alertTitle(alert)}</h3>
<p class="meta">${[product.vendor_name, product.name].filter(Boolean).join(' ')} · ${alert.class_name ?? `class ${alert.class_uid}`} · severity ${severityLabel(alert.severity_id)} · event time ${iso(alert.time)} · received ${iso(stored.receivedAt)} · alert <code>${stored.id}</code>${alertUidOf(stored)}${stored.duplicateCount > 0 ? ` · ${stored.duplicateCount} duplicate(s)` : ''}</p>
${alert.finding_info?.desc === undefined ? '' : html`<p>${alert.finding_info.desc}</p>`}
${alert.message === undefined || alert.finding_info !== undefined ? '' : html`<p>${alert.message}</p>`}
<table><tr><th>observable</th><th>type</th><th>value</th></tr>
${alert.observables.map((observable) => html`<tr><td>${observable.name}</td><td>${observable.type ?? observable.type_id}</td><td><code>${observable.value ?? ''}</code></td></tr>`)}
</table>
<p>Entities: ${stored.entities.map((entity) => html`<code>${entity}</code> `)}</p>
${(alert.attacks ?? []).length === 0 ? '' : html`<p>ATT&amp;CK: ${(alert.attacks ?? []).map((attack) => html`<span class="badge">${[attack.technique?.uid, attack.technique?.name].filter(Boolean).join(' ')}</span>`)}</p>`}
${alert.raw_data === undefined ? '' : html`<details><summary>Vendor payload, verbatim</summary><pre>${alert.raw_data}</pre></details>`}
</article>`;
}

function alertUidOf(stored: StoredAlert): SafeHtml | string {
  const uid = stored.alert.metadata.uid ?? stored.alert.finding_info?.uid;
  return uid === undefined ? '' : html` · vendor id <code>${uid}</code>`;
}

function evidenceSection(report: CaseReport): SafeHtml {
  return html`<section id="evidence"><h2>Evidence</h2>
<p>${report.alerts.length} alert(s); case entities: ${report.record.entities.map((entity) => html`<code>${entity}</code> `)}</p>
${report.alerts.map(alertBlock)}
</section>`;
}

interface ActionRow {
  tool: string;
  risk: string;
  status: string;
  idempotencyKey?: string;
  input: unknown;
  at: number;
}

/** Each response action (any call above `read`) with its latest status, keyed as the SOC keys them. */
function actionsOf(timeline: readonly TimelineEntry[]): ActionRow[] {
  const actions = new Map<string, ActionRow>();
  for (const entry of timeline) {
    if (entry.type !== 'tool-call' || entry.data.risk === 'read') continue;
    const key = entry.data.idempotencyKey ?? entry.id;
    actions.delete(key);
    actions.set(key, {
      tool: entry.data.tool,
      risk: entry.data.risk,
      status: entry.data.status,
      ...(entry.data.idempotencyKey !== undefined && { idempotencyKey: entry.data.idempotencyKey }),
      input: entry.data.input,
      at: entry.at,
    });
  }
  return [...actions.values()];
}

function decisionSection(report: CaseReport): SafeHtml {
  const entries = report.timeline;
  const verdicts = entries.filter((entry) => entry.type === 'verdict-set');
  const requested = entries.filter((entry) => entry.type === 'approval-requested');
  const decided = new Map(
    entries.flatMap((entry) => (entry.type === 'approval-decided' ? [[entry.data.approvalId, entry] as const] : [])),
  );
  const reasoning = entries.filter((entry) => entry.type === 'reasoning' || entry.type === 'escalation');
  const reads = entries.filter((entry) => entry.type === 'tool-call' && entry.data.risk === 'read').length;
  return html`<section id="decisions"><h2>Decision trace</h2>
<h3>Verdicts</h3>
<table><tr><th>time</th><th>by</th><th>verdict</th><th>confidence</th><th>rationale</th></tr>
${verdicts.map((entry) => (entry.type !== 'verdict-set' ? '' : html`<tr><td><code>${iso(entry.at)}</code></td><td>${actorOf(entry)}</td><td>${entry.data.verdict}</td><td>${entry.data.confidence.toFixed(2)}</td><td>${entry.data.rationale ?? ''}</td></tr>`))}
</table>
<h3>Approvals</h3>
${
  requested.length === 0
    ? html`<p class="meta">No call of this case needed a human's approval.</p>`
    : html`<table><tr><th>requested</th><th>approval</th><th>call</th><th>why</th><th>decision</th></tr>
${requested.map((entry) => {
  if (entry.type !== 'approval-requested') return '';
  const decision = decided.get(entry.data.approvalId);
  const outcome =
    decision?.type === 'approval-decided'
      ? html`${badge(decision.data.decision)} by ${actorOf(decision)} at <code>${iso(decision.at)}</code>${decision.data.rationale === undefined ? '' : html`: ${decision.data.rationale}`}`
      : badge('pending');
  return html`<tr><td><code>${iso(entry.at)}</code></td><td><code>${entry.data.approvalId}</code></td><td>${entry.data.tool} (${entry.data.risk})</td><td>${entry.data.reason}</td><td>${outcome}</td></tr>`;
})}
</table>`
}
<h3>Actions</h3>
<p class="meta">Calls above read risk, latest status each (${reads} read-only lookups are on the timeline).</p>
${
  actionsOf(entries).length === 0
    ? html`<p class="meta">No action was taken or attempted.</p>`
    : html`<table><tr><th>time</th><th>tool</th><th>risk</th><th>status</th><th>idempotency key</th><th>input</th></tr>
${actionsOf(entries).map((action) => html`<tr><td><code>${iso(action.at)}</code></td><td>${action.tool}</td><td>${action.risk}</td><td>${badge(action.status)}</td><td><code>${action.idempotencyKey ?? '—'}</code></td><td><code>${JSON.stringify(action.input)}</code></td></tr>`)}
</table>`
}
<h3>Reasoning and escalations</h3>
<table><tr><th>time</th><th>by</th><th>summary</th></tr>
${reasoning.map((entry) => html`<tr><td><code>${iso(entry.at)}</code></td><td>${actorOf(entry)}</td><td>${describeEntry(entry)}</td></tr>`)}
</table>
${report.runs.length === 0 ? '' : html`<p class="meta">Runs: ${report.runs.map((run) => html`<code>${run.id}</code> ${run.status} (stages ${[...run.completedStages, run.stage].join(' → ')})${run.escalation === null ? '' : html`, escalated to ${run.escalation.to}: ${run.escalation.reason}`}; `)}</p>`}
</section>`;
}

function leafRow(leaf: ReportLeaf): SafeHtml {
  return html`<tr><td>${leaf.index}</td><td>${leaf.type}</td><td><code>${iso(leaf.at)}</code></td><td>${leaf.actor}</td><td class="hash">${leaf.proof.leafHash}</td><td>${badge(leaf.verified ? 'verified' : 'unverified')}</td></tr>
<tr><td></td><td colspan="5"><details><summary>inclusion proof (${leaf.proof.auditPath.length} hashes) and canonical leaf</summary>
<pre>${json(leaf.proof)}</pre><pre>${leaf.canonical}</pre></details></td></tr>`;
}

function auditSection(report: CaseReport, databasePath: string): SafeHtml {
  const { head } = report;
  const verified = report.leaves.filter((leaf) => leaf.verified).length;
  const first = report.leaves[0];
  return html`<section id="audit"><h2>Audit proofs</h2>
<p>${report.leaves.length} audit leaves name this case; ${verified} of them ${verified === 1 ? 'is' : 'are'} proven included in the signed tree head below.</p>
<h3>Signed tree head</h3>
<table>
<tr><th>tree size</th><td>${head.treeSize}</td></tr>
<tr><th>root hash</th><td class="hash">${head.rootHash}</td></tr>
<tr><th>timestamp</th><td>${head.timestamp} (${iso(head.timestamp)})</td></tr>
<tr><th>key id</th><td class="hash">${head.keyId}</td></tr>
<tr><th>signature</th><td class="hash">${head.signature} ${badge(report.headVerified ? 'verified' : 'unverified')}</td></tr>
</table>
${report.headSignedForReport ? html`<p class="meta">No kept head covered every leaf of the case, so this head was signed for the report and kept in the log.</p>` : ''}
<details><summary>Public key (Ed25519, SPKI PEM)</summary><pre>${report.publicKeyPem}</pre></details>
<h3>How to verify offline</h3>
<p>Each leaf hash is SHA-256 of a zero byte followed by the leaf's canonical JSON (RFC 6962). Hashing up the audit path
(RFC 9162 §2.1.3.2) must give the head's root hash, and the head's signature must check with the public key above over
the RFC 6962 TreeHeadSignature bytes (version 0, type 1, timestamp, tree size, root). The same proofs come from the
database with <code>rampart audit proof ${first?.index ?? '<leafIndex>'} --tree-size ${head.treeSize} --db ${databasePath}</code>,
and <code>rampart audit verify --db ${databasePath}</code> rechecks the whole log.</p>
<table><tr><th>leaf</th><th>type</th><th>time</th><th>actor</th><th>leaf hash</th><th>proof</th></tr>
${report.leaves.map(leafRow)}
</table></section>`;
}

/** The case report as one HTML document: no scripts, no external assets, every value escaped. */
export function renderCaseReport(report: CaseReport, databasePath: string): string {
  const document = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${report.record.title} — ${report.record.id}</title>
<style>${new SafeHtml(style)}</style></head>
<body>
${header(report)}
${timelineSection(report)}
${evidenceSection(report)}
${decisionSection(report)}
${auditSection(report, databasePath)}
<footer class="meta"><p>Rampart case report, generated from ${databasePath}.</p></footer>
</body></html>
`;
  return document.text;
}
