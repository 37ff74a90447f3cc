export {
  createSandbox,
  type Sandbox,
  type SandboxAlert,
  SandboxConfigurationError,
  type SandboxOptions,
} from './create-sandbox.js';
export { type SimulatedNetworkOptions, type SimulatedSpan, SimulatedNetwork } from './network/simulated-network.js';
export {
  loadScenario,
  loadScenarios,
  parseScenario,
  parseScenarioText,
  shippedScenarios,
  shippedScenariosDirectory,
} from './scenario/load-scenario.js';
export * from './scenario/scenario.js';
export { type BindContext, type BoundVendor, bindVendor, sandboxBaseUrl } from './vendors/bind-vendor.js';
export { builtInVendors } from './vendors/built-in-vendors.js';
export { oktaVendor } from './vendors/okta.js';
export * from './vendors/responses.js';
export * from './vendors/vendor-binding.js';
export * from './world/world.js';
export * from './world/world-seed.js';
export {
  type CreateSoc,
  type EvaluateOptions,
  evaluateAll,
  evaluateScenario,
  governanceOf,
  type ScenarioEvaluation,
} from './eval/evaluate.js';
export { formatDuration, renderScorecards } from './eval/render-scorecards.js';
export type { ApprovalRecord, RunRecord } from './eval/run-record.js';
export * from './eval/score.js';
