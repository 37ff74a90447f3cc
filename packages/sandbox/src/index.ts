/**
 * @rampart/sandbox: a stateful simulated tenant behind the real connectors, scenarios with ground truth, and an
 * eval harness that runs them end to end with `createSoc` and scores the result. See README.md.
 */

// The sandbox and its world
export {
  createSandbox,
  type Sandbox,
  type SandboxAlert,
  SandboxConfigurationError,
  type SandboxOptions,
} from './create-sandbox.js';
export { SimulatedNetwork, type SimulatedNetworkOptions, type SimulatedSpan } from './network/simulated-network.js';
export { SimulatedRateLimits } from './network/simulated-rate-limits.js';
export * from './world/world.js';
export * from './world/world-seed.js';

// Scenarios
export {
  loadScenario,
  loadScenarios,
  parseScenario,
  parseScenarioText,
  shippedScenarios,
  shippedScenariosDirectory,
} from './scenario/load-scenario.js';
export * from './scenario/scenario.js';

// Vendors
export {
  type BindContext,
  type BoundVendor,
  bindVendor,
  sandboxBaseUrl,
  sandboxDirectoryTenantId,
} from './vendors/bind-vendor.js';
export { builtInVendors } from './vendors/built-in-vendors.js';
export { abuseipdbVendor } from './vendors/abuseipdb.js';
export { awsGuarddutyVendor } from './vendors/aws-guardduty.js';
export { awsIamVendor } from './vendors/aws-iam.js';
export { crowdstrikeFalconVendor } from './vendors/crowdstrike-falcon.js';
export { gmailVendor } from './vendors/gmail.js';
export { googleWorkspaceAlertCenterVendor } from './vendors/google-workspace-alert-center.js';
export { jiraCloudVendor } from './vendors/jira-cloud.js';
export { microsoft365MailVendor } from './vendors/microsoft-365-mail.js';
export { microsoftDefenderEndpointVendor } from './vendors/microsoft-defender-endpoint.js';
export { microsoftEntraIdVendor } from './vendors/microsoft-entra-id.js';
export { oktaVendor } from './vendors/okta.js';
export { pagerdutyVendor } from './vendors/pagerduty.js';
export { slackVendor } from './vendors/slack.js';
export { virustotalVendor } from './vendors/virustotal.js';
export { equalityConditions, listOf, noContent, refusal, vendorError } from './vendors/responses.js';
export * from './vendors/vendor-binding.js';

// Evaluation
export {
  type ApprovalChoice,
  type ApprovalDecider,
  type ApprovalRequest,
  constantApprovals,
  groundTruthApprovals,
} from './eval/approval-decisions.js';
export {
  type CreateSoc,
  type EvaluateAllOptions,
  type EvaluateOptions,
  evaluateAll,
  evaluateScenario,
  governanceOf,
  type ScenarioEvaluation,
  type ScenarioEvents,
  type SimulatedApprover,
} from './eval/evaluate.js';
export { type ContextGainReport, evaluateContextGain } from './eval/context-gain.js';
export { formatDuration, renderScorecards } from './eval/render-scorecards.js';
export { seedContextGraph } from './eval/seed-context-graph.js';
export * from './scenario/scenario-context.js';
export type { ApprovalRecord, RunRecord } from './eval/run-record.js';
export * from './eval/score.js';
