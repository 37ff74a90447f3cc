import { isObjectLike, mergeObject, resolveSchema } from './emit/schema-graph.js';
import type { ConnectorManifest } from './manifest.js';
import { planTools, type ToolPlan } from './plan.js';
import { extractSpec, listOperations, type LocatedOperation, parseRouteSelector } from './spec/extract.js';
import type { IntermediateSpec, SchemaNode, SpecOperation } from './spec/intermediate.js';
import type { ApiDocument } from './spec/load-document.js';

/**
 * What a vendor's new spec does to a connector's tools, before anyone regenerates: which tools lose their
 * operation, which operations were renamed or moved to another route, and how each remaining tool's input and
 * output change. Read by the person bumping the spec; `rampart-codegen drift` prints it.
 */
export type ToolDriftKind = 'removed' | 'renamed' | 'moved' | 'changed';

export interface ToolDrift {
  kind: ToolDriftKind;
  /** The tool's name today. */
  tool: string;
  /** The manifest's selector of the tool's operation. */
  selector: string;
  /** The operation today, as `METHOD /path (operationId)`. */
  before: string;
  /** The operation in the new spec (absent when removed). */
  after?: string;
  /** The tool's name after regeneration, when the rename changes it. */
  renamedTo?: string;
  /** What the manifest author does next. */
  advice?: string;
  /** Input and output differences, one line each. */
  changes: string[];
}

export interface DriftReport {
  connector: string;
  before: { title: string; version: string };
  after: { title: string; version: string };
  drifted: ToolDrift[];
  unchanged: string[];
}

function describeOperation(operation: Pick<SpecOperation, 'method' | 'path' | 'operationId'>): string {
  return `${operation.method} ${operation.path} (${operation.operationId})`;
}

function findInDocument(all: LocatedOperation[], selector: string): LocatedOperation | undefined {
  const route = parseRouteSelector(selector);
  if (route) return all.find((entry) => entry.method === route.method && entry.path === route.path);
  return all.find((entry) => entry.operationId === selector);
}

/** `string`, `integer | null`, `array of string`, `object`: enough to tell a reader what a field holds. */
function typeSummary(spec: IntermediateSpec, node: SchemaNode): string {
  const resolved = resolveSchema(spec, node);
  const variants = resolved.oneOf ?? resolved.anyOf;
  let summary: string;
  if (variants) summary = [...new Set(variants.map((variant) => typeSummary(spec, variant)))].join(' | ');
  else if (resolved.allOf || isObjectLike(spec, resolved)) summary = 'object';
  else if (resolved.type === 'array')
    summary = `array of ${resolved.items ? typeSummary(spec, resolved.items) : 'unknown'}`;
  else if (Array.isArray(resolved.type)) summary = resolved.type.join(' | ');
  else summary = resolved.type ?? (resolved.const !== undefined ? JSON.stringify(resolved.const) : 'unknown');
  return resolved.nullable && !summary.includes('null') ? `${summary} | null` : summary;
}

/** Output depth followed; deeper changes are rare and a recursive schema would never end. */
const maxOutputDepth = 4;

/** Every field path of an output schema (`data[].owner.email`) with its type summary. */
function outputFields(
  spec: IntermediateSpec,
  node: SchemaNode | undefined,
  prefix = '',
  depth = 0,
  fields = new Map<string, string>(),
): Map<string, string> {
  if (!node || depth > maxOutputDepth) return fields;
  const resolved = resolveSchema(spec, node);
  if (resolved.type === 'array' && resolved.items)
    return outputFields(spec, resolved.items, `${prefix}[]`, depth, fields);
  if (!isObjectLike(spec, resolved)) return fields;
  const merged = mergeObject(spec, resolved);
  const required = new Set(merged.required ?? []);
  for (const [key, property] of Object.entries(merged.properties ?? {})) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    fields.set(path, `${typeSummary(spec, property)}${required.has(key) ? ', required' : ''}`);
    outputFields(spec, property, path, depth + 1, fields);
  }
  return fields;
}

function inputFields(spec: IntermediateSpec, tool: ToolPlan): Map<string, string> {
  return new Map(
    tool.fields.map((field) => [
      field.name,
      `${field.required ? 'required' : 'optional'} ${typeSummary(spec, field.schema)}`,
    ]),
  );
}

function compareFields(label: string, before: Map<string, string>, after: Map<string, string>): string[] {
  const changes: string[] = [];
  for (const [name, summary] of before) {
    const next = after.get(name);
    if (next === undefined) changes.push(`- ${label} \`${name}\` removed (was ${summary})`);
    else if (next !== summary) changes.push(`~ ${label} \`${name}\` is ${next}, was ${summary}`);
  }
  for (const [name, summary] of after) {
    if (!before.has(name)) changes.push(`+ ${label} \`${name}\` added (${summary})`);
  }
  return changes;
}

function compareTools(
  before: { spec: IntermediateSpec; tool: ToolPlan },
  after: { spec: IntermediateSpec; tool: ToolPlan },
): string[] {
  const changes = [
    ...compareFields('input', inputFields(before.spec, before.tool), inputFields(after.spec, after.tool)),
    ...compareFields(
      'output',
      outputFields(before.spec, before.tool.output),
      outputFields(after.spec, after.tool.output),
    ),
  ];
  if (before.tool.description !== after.tool.description) changes.push('~ description changed (the vendor summary)');
  if (before.tool.risk !== after.tool.risk) changes.push(`~ risk is ${after.tool.risk}, was ${before.tool.risk}`);
  const scopes = (tool: ToolPlan) => tool.scopes.join(' ');
  if (scopes(before.tool) !== scopes(after.tool)) {
    changes.push(`~ scopes are ${scopes(after.tool) || 'none'}, were ${scopes(before.tool) || 'none'}`);
  }
  if (!before.tool.operation.deprecated && after.tool.operation.deprecated) changes.push('! the vendor deprecated it');
  return changes;
}

/**
 * Compares the connector's checked-in spec with a new vendor document. Operations are matched by the manifest's
 * selector first; an operationId that is gone but whose route remains is a rename, a route that is gone but whose
 * operationId remains is a move, and neither is a removal.
 */
export function findToolDrift(
  manifest: ConnectorManifest,
  current: IntermediateSpec,
  document: ApiDocument,
): DriftReport {
  const currentTools = planTools(manifest, current);
  const all = listOperations(document);
  const located = new Map<string, { entry: LocatedOperation; kind: 'same' | 'renamed' | 'moved' }>();
  // planTools keeps the manifest's order, one tool per operation entry.
  const selectorOf = (index: number) => manifest.operations[index]!.select;
  currentTools.forEach((tool, index) => {
    const selector = selectorOf(index);
    const direct = findInDocument(all, selector);
    if (direct) {
      located.set(selector, { entry: direct, kind: 'same' });
      return;
    }
    const { method, path, operationId } = tool.operation;
    const byRoute = all.find((entry) => entry.method === method && entry.path === path);
    const byId = all.find((entry) => entry.operationId === operationId);
    if (parseRouteSelector(selector) === undefined && byRoute)
      located.set(selector, { entry: byRoute, kind: 'renamed' });
    else if (byId) located.set(selector, { entry: byId, kind: 'moved' });
    else if (byRoute) located.set(selector, { entry: byRoute, kind: 'renamed' });
  });

  // The new document seen through the manifest, with each found operation selected by a selector that still works.
  const reselected: ConnectorManifest = {
    ...manifest,
    operations: manifest.operations
      .filter((entry) => located.has(entry.select))
      .map((entry) => {
        const found = located.get(entry.select)!.entry;
        return { ...entry, select: `${found.method} ${found.path}` };
      }),
  };
  const next = extractSpec(document, {
    source: manifest.spec,
    select: reselected.operations.map((entry) => entry.select),
  });
  const nextTools = new Map(
    planTools(reselected, next).map((tool, index) => [reselected.operations[index]!.select, tool]),
  );

  const drifted: ToolDrift[] = [];
  const unchanged: string[] = [];
  for (const [index, tool] of currentTools.entries()) {
    const selector = selectorOf(index);
    const found = located.get(selector);
    const before = describeOperation(tool.operation);
    if (!found) {
      drifted.push({
        kind: 'removed',
        tool: tool.name,
        selector,
        before,
        advice:
          'The new spec has neither its route nor its operationId: drop it from the manifest or select its replacement.',
        changes: [],
      });
      continue;
    }
    const nextTool = nextTools.get(`${found.entry.method} ${found.entry.path}`)!;
    const changes = compareTools({ spec: current, tool }, { spec: next, tool: nextTool });
    const after = describeOperation(nextTool.operation);
    const renamedTo = nextTool.name !== tool.name ? nextTool.name : undefined;
    if (found.kind === 'renamed') {
      drifted.push({
        kind: 'renamed',
        tool: tool.name,
        selector,
        before,
        after,
        ...(renamedTo ? { renamedTo } : {}),
        advice:
          `Select "${nextTool.operation.operationId}"` +
          (renamedTo
            ? `, and keep the tool's name with \`name: ${tool.name}\` or list it in \`deprecatedAliases\`.`
            : '.'),
        changes,
      });
    } else if (found.kind === 'moved') {
      drifted.push({
        kind: 'moved',
        tool: tool.name,
        selector,
        before,
        after,
        advice: `Select "${nextTool.operation.operationId}" or "${nextTool.operation.method} ${nextTool.operation.path}".`,
        changes,
      });
    } else if (changes.length > 0) {
      drifted.push({ kind: 'changed', tool: tool.name, selector, before, after, changes });
    } else {
      unchanged.push(tool.name);
    }
  }
  return { connector: manifest.id, before: current.info, after: next.info, drifted, unchanged };
}

const headings: Record<ToolDriftKind, string> = {
  removed: 'Removed: regenerating drops these tools',
  renamed: 'Renamed: the operationId changed, the route did not',
  moved: 'Moved: the route changed, the operationId did not',
  changed: 'Changed: same operation, different input or output',
};

/** The report as text for a terminal or a pull-request comment. */
export function formatDriftReport(report: DriftReport, specLabel: string): string {
  const lines = [
    `Drift of ${report.connector}: ${report.before.title} ${report.before.version} → ${report.after.title} ${report.after.version} (${specLabel})`,
  ];
  for (const kind of ['removed', 'renamed', 'moved', 'changed'] as const) {
    const entries = report.drifted.filter((entry) => entry.kind === kind);
    if (entries.length === 0) continue;
    lines.push('', `${headings[kind]} (${entries.length})`);
    for (const entry of entries) {
      const name = entry.renamedTo ? `${entry.tool} → ${entry.renamedTo}` : entry.tool;
      const route = entry.after && entry.after !== entry.before ? `${entry.before} → ${entry.after}` : entry.before;
      lines.push(`  ${name}: ${route}`);
      if (entry.advice) lines.push(`    ${entry.advice}`);
      for (const change of entry.changes) lines.push(`    ${change}`);
    }
  }
  if (report.unchanged.length > 0)
    lines.push('', `Unchanged (${report.unchanged.length}): ${report.unchanged.join(', ')}`);
  const total = report.drifted.length + report.unchanged.length;
  lines.push('', `${report.drifted.length} of ${total} tool(s) drifted.`);
  return `${lines.join('\n')}\n`;
}
