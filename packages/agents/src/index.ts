export * from './errors.js';
export * from './models/anthropic-messages-model.js';
export type { HttpModelOptions } from './models/model-http.js';
export type { RetryOptions } from './models/model-retry.js';
export * from './models/openai-chat-model.js';
export * from './models/openai-compatible-model.js';
export * from './models/vercel-ai-model.js';
export { assess, type Assessment, type Reputation, reputationOf } from './reasoner/evidence-signals.js';
export * from './reasoner/rule-based-reasoner.js';
export {
  type AgentRunOutcome,
  type AgentRuntime,
  decideApproval,
  grantedTools,
  type RunAgentOptions,
  type RunObserver,
  runAgent,
} from './runtime/agent-runner.js';
export {
  type AlertSummary,
  CaseContext,
  caseContextMessage,
  caseContextSource,
  readCaseContext,
} from './runtime/case-context.js';
export { caseToolNames } from './runtime/case-tools.js';
export * from './runtime/gate.js';
export * from './runtime/stop-conditions.js';
export { tracerName } from './runtime/telemetry.js';
export * from './runtime/tool-registry.js';
export { searchTools, type ToolSearchQuery } from './runtime/tool-search.js';
export * from './soc/built-in-agents.js';
export * from './soc/case-kinds.js';
export { createSoc } from './soc/create-soc.js';
export { combinedGovernance, graphEntitiesOf, graphGovernanceOf } from './soc/context-graph-recorder.js';
export * from './soc/soc-types.js';
