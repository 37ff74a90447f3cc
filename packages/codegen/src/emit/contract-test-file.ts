import type { ConnectorManifest } from '../manifest.js';
import type { ToolPlan } from '../plan.js';
import type { IntermediateSpec } from '../spec/intermediate.js';
import { generatedHeader } from './header.js';

export function emitContractTest(
  _manifest: ConnectorManifest,
  _spec: IntermediateSpec,
  _tools: ToolPlan[],
  sourceLabel: string,
): string {
  return generatedHeader(sourceLabel);
}
