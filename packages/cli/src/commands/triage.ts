import { createSoc, ruleBasedReasoner, type SocResult, type SocStores } from '@rampart/agents';
import {
  ManualClock,
  MemoryAuditStore,
  MemoryCaseStore,
  MemoryRunStore,
  randomIds,
  sequentialIds,
  severityLabel,
} from '@rampart/core';
import { createSandbox, governanceOf } from '@rampart/sandbox';
import { sqliteStores } from '@rampart/store-sqlite';
import { caseView } from '../case-view.js';
import { oneLine, type Write } from '../output.js';
import { clockTime } from '../render-case.js';
import { describeInput, describeOutcome, progressLine } from '../scenarios/progress.js';
import { loadWorld } from '../triage/load-world.js';
import { readNativeAlerts } from '../triage/read-native-alerts.js';
import { UsageError } from '../usage.js';

export interface TriageArguments {
  file: string;
  source: string | undefined;
  worldFile: string | undefined;
  /** Keep the cases and the audit log here; default: in memory, gone when the command ends. */
  databasePath: string | undefined;
  tenantId: string | undefined;
  json: boolean;
}

function flatten(result: SocResult): SocResult[] {
  const { otherCases, ...first } = result;
  return [first, ...(otherCases ?? []).flatMap(flatten)];
}

function renderResult(result: SocResult, reasonerLabel: string): string {
  const record = result.case;
  const lines = [
    `${record.id}  ${severityLabel(record.severityId)}  ${oneLine(record.title)}`,
    `  ${describeOutcome(result)} · run ${result.status}`,
    `  ${record.alertIds.length} alert(s); entities: ${record.entities.length === 0 ? 'none' : oneLine(record.entities.join(', '))}`,
  ];
  if (result.actions.length > 0) {
    lines.push('  actions:');
    for (const action of result.actions) {
      lines.push(
        `    ${action.tool}(${describeInput(action.input)}) [${action.risk}] ${action.status}` +
          (action.idempotencyKey === undefined ? '' : `  key ${action.idempotencyKey}`),
      );
    }
  }
  if (result.pendingApprovals.length > 0) {
    lines.push('  waiting for approval:');
    for (const approval of result.pendingApprovals) {
      lines.push(`    ${approval.approvalId} ${approval.tool} (${approval.risk}): ${oneLine(approval.reason)}`);
    }
  }
  lines.push('  timeline:');
  for (const entry of result.timeline) lines.push(`    ${clockTime(entry.at)}  ${progressLine(entry, reasonerLabel)}`);
  return `${lines.join('\n')}\n`;
}

/**
 * `rampart triage <file> --source <id>`: normalizes native alerts with the connector package's normalizers and
 * works them end to end with the rule-based reasoner, against a simulated tenant (the given scenario's world, or
 * an empty one) so no real vendor is called. Calls that need approval are left waiting. Returns the exit code.
 */
export async function runTriage(arguments_: TriageArguments, out: Write): Promise<number> {
  const source = arguments_.source;
  if (source === undefined) throw new UsageError('triage needs --source <connector-id>, e.g. --source okta');
  const { alerts, payload } = await readNativeAlerts(arguments_.file, source);
  const loaded = arguments_.worldFile === undefined ? undefined : await loadWorld(arguments_.worldFile);
  const tenantId = arguments_.tenantId ?? loaded?.tenantId ?? 'sandbox';
  // The simulated tenant's "now" is when the last alert happened: SLA timers and look-back windows read from it.
  const clock = new ManualClock(Math.max(...alerts.map((alert) => alert.time)));
  const sandbox = createSandbox({
    world: loaded?.world ?? {},
    clock,
    tenantId,
    onUnhandledRequest: 'error',
  });
  const sqlite = arguments_.databasePath === undefined ? undefined : sqliteStores(arguments_.databasePath);
  try {
    // The source's own alert tools return what was triaged, as the vendor would.
    const vendor = sandbox.vendors.find((candidate) => candidate.binding.id === source);
    if (vendor !== undefined) {
      if (vendor.binding.seedAlerts !== undefined) vendor.binding.seedAlerts(sandbox.world, [payload]);
      else sandbox.world.addVendorAlerts(source, [payload]);
    }
    const stores: SocStores = sqlite ?? {
      cases: new MemoryCaseStore(),
      audit: new MemoryAuditStore(),
      runs: new MemoryRunStore(),
    };
    const model = ruleBasedReasoner();
    const soc = createSoc({
      stores,
      model,
      connectors: sandbox.socConnectors,
      governance: governanceOf(sandbox.world),
      clock,
      // A database may already hold cases: only ids from a random source cannot collide with theirs.
      ids: sqlite === undefined ? sequentialIds() : randomIds,
    });
    const results = flatten(await soc.handle(alerts, { tenantId }));
    if (arguments_.json) {
      out(`${JSON.stringify({ source, tenantId, alerts: alerts.length, cases: results.map(caseView) }, null, 2)}\n`);
      return 0;
    }
    out(
      `triage: ${alerts.length} ${source} alert(s) from ${arguments_.file} → ${results.length} case(s) · tenant ` +
        `${tenantId} · sandbox ${loaded?.description ?? 'with an empty world'} · ${model.label}\n`,
    );
    for (const result of results) out(`\n${renderResult(result, model.label)}`);
    if (arguments_.databasePath !== undefined) {
      out(`\ndatabase: ${arguments_.databasePath} (try "rampart report ${results[0]!.case.id} --html case.html`);
      out(` --db ${arguments_.databasePath}")\n`);
    }
    return 0;
  } finally {
    sqlite?.close();
    await sandbox.close();
  }
}
