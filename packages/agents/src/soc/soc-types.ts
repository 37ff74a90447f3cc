import type { Tracer } from '@opentelemetry/api';
import type {
  Agent,
  AnyTool,
  AutonomyChange,
  AutonomyRuleInput,
  AutonomyStatus,
  GraphStore,
  Verdict,
  AuditStore,
  Case,
  CaseStore,
  CaseVerdict,
  Clock,
  Governance,
  GovernanceFactsInput,
  IdSource,
  KeyInput,
  ModelAdapter,
  Policy,
  Risk,
  RunStatus,
  RunStore,
  SignedTreeHead,
  TimelineEntry,
  ToolSet,
} from '@rampart/core';
import type { Connector } from '../runtime/tool-registry.js';
import type { SocAgents } from './built-in-agents.js';

/** Where the SOC keeps cases, the audit log and runs: `sqliteStores(path)`, or the memory stores of core. */
export interface SocStores {
  cases: CaseStore;
  audit: AuditStore;
  runs: RunStore;
}

/** A tenant's governance: facts, a `Governance` view, or a function of the tenant that returns either. */
export type GovernanceOption =
  | GovernanceFactsInput
  | Governance
  | ((tenantId: string) => GovernanceFactsInput | Governance | Promise<GovernanceFactsInput | Governance>);

export interface SocOptions {
  stores: SocStores;
  /** Any `ModelAdapter`; `ruleBasedReasoner()` works offline. */
  model: ModelAdapter;
  /** Connector objects (`{ id, tools, tenantId? }`); colliding tool names are namespaced by connector id. */
  connectors?: readonly Connector[];
  /** Tools outside any connector. */
  tools?: ToolSet | readonly AnyTool[];
  /** Replaces built-in agents stage by stage (`investigation` whole). Default `builtInAgents`. */
  agents?: Partial<SocAgents>;
  /** Critical assets, VIPs and internal-only data, per tenant. Default: none. */
  governance?: GovernanceOption;
  /** Governance policies. Default `builtInPolicies`; tenant isolation applies whatever is given. */
  policies?: readonly Policy[];
  /** Default the system clock. */
  clock?: Clock;
  /** Default random ids. Ids must be unique across processes sharing stores, so do not use `sequentialIds` there. */
  ids?: IdSource;
  telemetry?: { tracer?: Tracer };
  /** Read-only calls of one step run at most this many at a time. Default 8; 1 runs them one by one. */
  concurrency?: number;
  /** An agent with more tools than this sees `searchTools` and the tools it found. Default 24. */
  toolDisclosureThreshold?: number;
  /** Alerts correlate into one case within this window. Default 2 hours. */
  correlationWindowMs?: number;
  /** A benign or false-positive triage verdict at or above this confidence goes straight to resolution. Default 0.8. */
  autoResolveConfidence?: number;
  /** Signs the audit log's tree heads; default the key kept in the audit store. */
  auditSigningKey?: KeyInput;
  /**
   * The context graph's store (`sqliteStores(path).graph`, `new MemoryGraphStore()`). With it, every alert, tool
   * result, verdict, action and analyst decision is recorded in the tenant's graph; the gate adds the graph's
   * governance of each case to `governance`; triage and investigation agents get the graph's read-only tools
   * (entity profile, neighbourhood, history, applicable policies, precedents). Without it, none of that happens.
   */
  graph?: GraphStore;
  /**
   * Earned autonomy (needs `graph`): when analysts agree with the agent often enough on an alert type and action,
   * the action runs without the agent's own approval step; a disagreement revokes it. Default rule `AutonomyRule`'s;
   * `false` turns it off. Approvals a policy requires always stand.
   */
  autonomy?: AutonomyRuleInput | false;
}

/** An analyst's word on a case's agent decision (see `Soc.feedback`). */
export interface SocFeedbackInput {
  tenantId: string;
  caseId: string;
  analyst: string;
  kind: 'verdict-confirmed' | 'verdict-overridden' | 'action-approved' | 'action-denied';
  rationale: string;
  /** For `verdict-overridden`: the verdict the analyst sets on the case. */
  verdict?: Verdict;
  /** For action feedback: the tool of the action. */
  tool?: string;
}

export interface SocFeedbackResult {
  feedbackId: string;
  /** The agent decision reviewed, as a graph decision id (without `decision:`). */
  reviews: string;
  auditLeafIndex: number;
  /** A grant or revocation of earned autonomy the feedback caused, already audited. */
  autonomyChange: AutonomyChange | null;
}

/** One response action of a case, with its latest status. */
export interface SocAction {
  tool: string;
  risk: Risk;
  status: 'executed' | 'failed' | 'denied' | 'pending-approval';
  idempotencyKey?: string;
  input: unknown;
  /** The timeline entry of the latest status. */
  entryId: string;
}

/** A call waiting for a human's decision. */
export interface PendingApprovalView {
  approvalId: string;
  runId: string;
  tenantId: string;
  caseId: string;
  agent: string;
  tool: string;
  risk: Risk;
  input: unknown;
  reason: string;
  approverRole?: string;
  idempotencyKey?: string;
  requestedAt: number;
}

export interface SocResult {
  /** The run that worked the case, `null` when none did (e.g. only duplicate alerts arrived). */
  runId: string | null;
  status: RunStatus | 'idle';
  case: Case;
  timeline: TimelineEntry[];
  verdict: CaseVerdict | null;
  /** Every call above `read` risk the agents made or attempted, latest status each. */
  actions: SocAction[];
  pendingApprovals: PendingApprovalView[];
  /** A freshly signed head of the audit log, covering everything this result shows. */
  auditHead: SignedTreeHead;
  escalation: { reason: string; to: string } | null;
  error: string | null;
  /** The other cases a batch of alerts opened or updated, each worked the same way. */
  otherCases?: SocResult[];
}

export interface ApprovalDecisionInput {
  /** Who decided (recorded as the analyst actor). */
  by: string;
  /**
   * The roles of who decided. A pending action whose policy names an `approverRole` (`PendingApprovalView.approverRole`)
   * can only be decided by someone with that role: anyone else gets `ApproverRoleError`.
   */
  roles?: readonly string[];
  rationale?: string;
}

export interface Soc {
  /** Ingests alerts for one tenant and works each case they touch: triage → investigation → response → resolution. */
  handle(alerts: unknown, options: { tenantId: string }): Promise<SocResult>;
  /**
   * Approves a pending call; the run resumes (in this process, whichever paused it) and goes on. Throws
   * `ApproverRoleError` (and audits the refusal) when the call requires a role `decision.roles` lacks.
   */
  approve(approvalId: string, decision: ApprovalDecisionInput): Promise<SocResult>;
  /** Denies a pending call; the agent is told, and the run goes on (or escalates). Role checked as for `approve`. */
  deny(approvalId: string, decision: ApprovalDecisionInput): Promise<SocResult>;
  /** Goes on with a run that was interrupted (a crash, a restart); a paused or finished run is returned as it is. */
  resume(runId: string): Promise<SocResult>;
  /** The calls waiting for a decision, oldest first. */
  pendingApprovals(options: { tenantId: string }): Promise<PendingApprovalView[]>;
  /**
   * Records an analyst's feedback on the agent's latest verdict or action of a case: a decision-trace node in the
   * context graph, an audit leaf and a timeline entry; an override also sets the case's verdict. It feeds precedents
   * and earned autonomy. Needs `graph`.
   */
  feedback(input: SocFeedbackInput): Promise<SocFeedbackResult>;
  /** Earned autonomy of a tenant, per alert type and action (empty without `graph` or with `autonomy: false`). */
  autonomy(options: { tenantId: string }): Promise<AutonomyStatus[]>;
  /** A case as it stands, with its latest run. */
  caseResult(caseId: string, options: { tenantId: string }): Promise<SocResult>;
  /** The tools the agents see, by their (possibly namespaced) names. */
  readonly tools: ToolSet;
  /** The agents, resolved against the tools, by stage (`triage`, `investigation:identity`, `response` ...). */
  readonly agents: Readonly<Record<string, Agent>>;
}
