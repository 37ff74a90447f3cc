import {
  type Capability,
  canonicalJson,
  riskRank,
  type ModelAdapter,
  type ModelRequest,
  type ModelResponse,
  type ModelToolCall,
  type ModelToolDescription,
} from '@rampart/core';
import { type CaseContext, type ContextTool, readCaseContext } from '../runtime/case-context.js';
import { kindsOfAlert } from '../soc/case-kinds.js';
import { contextFactsOf, precedentEntities, profiledEntities } from './context-facts.js';
import { type EvidenceFacts, factsOf, type MessageFact } from './evidence-facts.js';
import { assess, evidenceAbout, reputationsOf, signInsFromMalicious } from './evidence-signals.js';
import {
  accessKeysFromEvidence,
  argumentValueOf,
  iamUserName,
  isPublicAddress,
  type Subject,
  type SubjectKind,
  subjectsFromFacts,
  subjectsOf,
  vendorIdOf,
} from './subjects.js';
import { type ArgumentValues, fillArguments } from './tool-arguments.js';

export interface RuleBasedReasonerOptions {
  /** Default `rampart/rule-based`. */
  id?: string;
  /** Values by tool argument name for fields no case fills, e.g. `{ channel: '#soc', projectKey: 'SEC' }`. */
  defaults?: Readonly<Record<string, unknown>>;
}

/** A `ModelAdapter` that is not a model: deterministic rules over the case context, labelled as such. */
export interface RuleBasedReasoner extends ModelAdapter {
  readonly label: string;
}

const label = 'Rule-based reasoner (deterministic rules, not AI)';

/** Which enrichment capability looks at which kind of subject, in the order calls are made. */
const enrichment: ReadonlyArray<readonly [Capability, readonly SubjectKind[]]> = [
  ['ip.reputation', ['ip']],
  ['domain.reputation', ['domain']],
  ['url.reputation', ['url']],
  ['hash.reputation', ['hash']],
  ['user.profile', ['account']],
  ['user.groups', ['account']],
  ['user.factors', ['account']],
  ['user.sign-ins', ['account']],
  ['host.details', ['host']],
  ['host.processes', ['host']],
  ['message.search', ['sender']],
  ['cloud.key.details', ['cloud-key', 'cloud-identity']],
];

interface PlannedCall {
  name: string;
  arguments: unknown;
}

interface Plan {
  summary: string;
  calls: PlannedCall[];
}

interface Desired {
  capability: Capability;
  subject?: Subject;
  values?: Partial<ArgumentValues>;
  what: string;
  /** The connector whose ids the subject's value is in (a Gmail message id works with Gmail tools only). */
  connectorId?: string;
}

function stableJson(value: unknown): string {
  try {
    return canonicalJson(JSON.parse(JSON.stringify(value ?? null)));
  } catch {
    return String(value);
  }
}

class Planner {
  private readonly subjects: Subject[];
  private readonly facts: EvidenceFacts;
  private readonly searchWanted = new Set<string>();
  private readonly skipped: string[] = [];

  constructor(
    private readonly context: CaseContext,
    private readonly offered: ReadonlyMap<string, ModelToolDescription>,
    private readonly defaults: Readonly<Record<string, unknown>>,
  ) {
    this.facts = factsOf(context);
    const fromAlerts = subjectsOf(context);
    this.subjects = [...fromAlerts, ...subjectsFromFacts(this.facts, fromAlerts)];
  }

  plan(): Plan {
    switch (this.context.agent.role) {
      case 'triage':
      case 'investigation':
        return this.investigate();
      case 'response':
        return this.respond();
      case 'resolution':
        return this.resolve();
      default:
        return { summary: `nothing to do as ${this.context.agent.role}.`, calls: [] };
    }
  }

  /**
   * The offered tools with `capability`, best first: those of `connectorId` (when given and there are any), then
   * the least risky (trash before delete), then in the order offered.
   */
  private toolsFor(capability: Capability, connectorId?: string): ContextTool[] {
    const tools = this.context.tools.filter(
      (candidate) => candidate.capabilities.includes(capability) && this.offered.has(candidate.name),
    );
    if (
      tools.length === 0 &&
      this.context.toolSearch.enabled &&
      !this.context.toolSearch.searchedCapabilities.includes(capability)
    ) {
      this.searchWanted.add(capability);
    }
    const same = connectorId === undefined ? [] : tools.filter((tool) => tool.connectorId === connectorId);
    const candidates = same.length > 0 ? same : tools;
    return candidates
      .map((tool, index) => ({ tool, index }))
      .sort((a, b) => riskRank(a.tool.risk) - riskRank(b.tool.risk) || a.index - b.index)
      .map(({ tool }) => tool);
  }

  private searchCall(): Plan | null {
    if (this.searchWanted.size === 0 || !this.offered.has('searchTools')) return null;
    const capabilities = [...this.searchWanted];
    return {
      summary: `looking for tools with ${capabilities.join(', ')}.`,
      calls: [{ name: 'searchTools', arguments: { capabilities, limit: 24 } }],
    };
  }

  private texts(title: string, body: string): ArgumentValues {
    return { title, body, reason: body, defaults: this.defaults };
  }

  /**
   * A call for `desired`: of the tools that can do it, the first whose form takes the subject in a field named for
   * it, else the first whose form can be filled at all; `null` when none can.
   */
  private callFor(desired: Desired): PlannedCall | null {
    const tools = this.toolsFor(desired.capability, desired.connectorId);
    let fallback: PlannedCall | null = null;
    const unfilled: string[] = [];
    for (const tool of tools) {
      const filled = this.fill(desired, tool);
      if (!filled.ok) {
        unfilled.push(`${tool.name} (cannot fill ${filled.missing.join(', ')})`);
        continue;
      }
      const call = { name: tool.name, arguments: filled.arguments };
      if (filled.placement === 'named' || filled.placement === 'none') return call;
      fallback ??= call;
    }
    if (fallback === null) this.skipped.push(...unfilled);
    return fallback;
  }

  private fill(desired: Desired, tool: ContextTool): ReturnType<typeof fillArguments> {
    const schema = this.offered.get(tool.name)!.inputSchema;
    const base = {
      ...this.texts(`${desired.what}`, `${desired.what} (case ${this.context.case.id})`),
      intent: desired.capability.split('.').slice(1),
      ...desired.values,
    };
    if (desired.subject?.kind === 'cloud-identity') {
      const arn = desired.subject.value;
      const byArn = Object.keys((schema.properties ?? {}) as object).some((name) => /arn/i.test(name));
      return fillArguments(schema, {
        ...base,
        subject: { kind: 'cloud-identity', value: byArn ? arn : (iamUserName(arn) ?? arn) },
      });
    }
    const uid = desired.subject === undefined ? undefined : this.uidOf(desired.subject, tool.connectorId);
    return fillArguments(schema, {
      ...base,
      ...(desired.subject !== undefined && {
        subject: {
          kind: desired.subject.kind,
          value: argumentValueOf(desired.subject),
          ...(uid !== undefined && { uid }),
        },
      }),
    });
  }

  /**
   * The subject's vendor id: from the alerts, else from a profile or details lookup of it through the same
   * connector (one vendor's user id means nothing to another vendor).
   */
  private uidOf(subject: Subject, connectorId: string | undefined): string | undefined {
    if (subject.kind !== 'host' && subject.kind !== 'account') return undefined;
    if (subject.uids?.[0] !== undefined) return subject.uids[0];
    const lookups = evidenceAbout(this.context, subject, ['user.profile', 'host.details']);
    for (const record of lookups) {
      if (record.status !== 'executed' || record.connectorId !== connectorId) continue;
      const id = vendorIdOf(record.output);
      if (id !== undefined) return id;
    }
    return undefined;
  }

  private done(desired: Desired): boolean {
    if (desired.subject === undefined) {
      return this.context.evidence.some((record) => record.capabilities.includes(desired.capability));
    }
    return evidenceAbout(this.context, desired.subject, [desired.capability]).length > 0;
  }

  private collect(desired: readonly Desired[]): PlannedCall[] {
    const calls: PlannedCall[] = [];
    const seen = new Set<string>();
    for (const item of desired) {
      if (this.done(item)) continue;
      const call = this.callFor(item);
      if (call === null) continue;
      const key = `${call.name} ${JSON.stringify(call.arguments)}`;
      if (seen.has(key) || this.alreadyCalled(call)) continue;
      seen.add(key);
      calls.push(call);
    }
    return calls;
  }

  /** The same call was made before: whatever the subject matching says, never ask for it twice. */
  private alreadyCalled(call: PlannedCall): boolean {
    const text = stableJson(call.arguments);
    return this.context.evidence.some((record) => record.tool === call.name && stableJson(record.input) === text);
  }

  private investigate(): Plan {
    const desired: Desired[] = [];
    const mailbox = this.subjects.find((subject) => subject.kind === 'account' && subject.role === 'recipient');
    for (const [capability, kinds] of enrichment) {
      for (const subject of this.subjects) {
        if (!kinds.includes(subject.kind)) continue;
        // A private address means nothing to a public reputation service, and it should not leave the tenant.
        if (subject.kind === 'ip' && !isPublicAddress(subject.value)) continue;
        desired.push({
          capability,
          subject,
          what: `${capability} of ${subject.value}`,
          ...(subject.kind === 'sender' && mailbox !== undefined && { values: { mailbox: mailbox.value } }),
        });
      }
    }
    const calls = [...this.collect(desired), ...this.contextCalls()];
    const search = this.searchCall();
    if (search !== null) return search;
    if (calls.length > 0) {
      return {
        summary: `enriching ${calls.length} subject(s): ${calls.map((call) => call.name).join(', ')}.${this.skippedNote()}`,
        calls,
      };
    }
    const assessment = assess(this.context, this.subjects, this.facts, contextFactsOf(this.context));
    const verdict = this.context.case.verdict;
    if (this.offered.has('setCaseVerdict') && verdict?.decidedBy !== this.context.agent.name) {
      return {
        summary: `verdict ${assessment.verdict} at confidence ${assessment.confidence}: ${assessment.findings.join('; ')}.`,
        calls: [
          {
            name: 'setCaseVerdict',
            arguments: {
              verdict: assessment.verdict,
              confidence: assessment.confidence,
              rationale: `${label}: ${assessment.findings.join('; ')}.`,
            },
          },
        ],
      };
    }
    return { summary: `${this.context.agent.role} done.${this.skippedNote()}`, calls: [] };
  }

  /**
   * The context graph's lookups, when its tools are offered: a profile of each entity of the case (governance,
   * travel history, analyst verdicts on earlier cases) and the precedents of the case. Made once, with the first
   * enrichment, so they run in parallel with it.
   */
  private contextCalls(): PlannedCall[] {
    const calls: PlannedCall[] = [];
    if (this.offered.has('getEntityProfile')) {
      for (const entity of profiledEntities(this.context)) {
        calls.push({ name: 'getEntityProfile', arguments: { entity } });
      }
    }
    const entities = precedentEntities(this.context);
    if (this.offered.has('findPrecedents') && entities.length > 0) {
      calls.push({ name: 'findPrecedents', arguments: { caseId: this.context.case.id, entities, limit: 3 } });
    }
    return calls.filter((call) => !this.alreadyCalled(call));
  }

  private alertsOfKind(kind: string): Set<string> {
    return new Set(
      this.context.alerts.filter((alert) => (kindsOfAlert(alert) as string[]).includes(kind)).map((alert) => alert.id),
    );
  }

  private onAlerts(kind: SubjectKind, alertIds: ReadonlySet<string>): Subject[] {
    return this.subjects.filter(
      (subject) => subject.kind === kind && subject.alertIds.some((alertId) => alertIds.has(alertId)),
    );
  }

  private respond(): Plan {
    const verdict = this.context.case.verdict;
    if (verdict?.value !== 'true_positive') {
      return { summary: `no response: the verdict is ${verdict?.value ?? 'not set'}.`, calls: [] };
    }
    const desired: Desired[] = [];
    for (const subject of this.compromisedAccounts()) {
      desired.push({ capability: 'user.suspend', subject, what: `Suspend ${subject.value}: account compromise` });
      desired.push({ capability: 'user.sessions.revoke', subject, what: `Revoke the sessions of ${subject.value}` });
    }
    for (const subject of this.onAlerts('host', this.alertsOfKind('endpoint'))) {
      desired.push({ capability: 'host.contain', subject, what: `Contain ${subject.value}: malware on the host` });
    }
    desired.push(...this.phishingResponse());
    const cloud = this.alertsOfKind('cloud');
    if (cloud.size > 0) {
      const identities = this.onAlerts('cloud-identity', cloud);
      const userName = identities.map((subject) => iamUserName(subject.value)).find((name) => name !== null);
      const keys = new Set([
        ...this.onAlerts('cloud-key', cloud).map((subject) => subject.value),
        ...accessKeysFromEvidence(this.context),
      ]);
      for (const key of keys) {
        const subject: Subject = {
          kind: 'cloud-key',
          value: key,
          aliases: [key.toLowerCase()],
          role: 'target',
          alertIds: [],
        };
        desired.push({
          capability: 'cloud.key.deactivate',
          subject,
          what: `Deactivate leaked access key ${key}`,
          ...(userName !== undefined &&
            userName !== null && { values: { related: [{ kind: 'cloud-identity', value: userName }] } }),
        });
      }
      if (keys.size === 0) {
        for (const subject of identities) {
          desired.push({
            capability: 'cloud.key.deactivate',
            subject,
            what: `Deactivate the keys of ${subject.value}`,
          });
        }
      }
    }
    const calls = this.collect(desired);
    const search = this.searchCall();
    if (search !== null) return search;
    if (calls.length > 0) {
      return { summary: `responding: ${calls.map((call) => call.name).join(', ')}.${this.skippedNote()}`, calls };
    }
    return { summary: `response done: ${this.actionsLine()}.${this.skippedNote()}`, calls: [] };
  }

  /**
   * The accounts to lock out: the targets of the identity alerts (every account they name when none is a target),
   * and any account that signed in from a malicious address, whatever kind of alert brought the case.
   */
  private compromisedAccounts(): Subject[] {
    const accounts = this.onAlerts('account', this.alertsOfKind('identity'));
    const targets = accounts.filter((subject) => subject.role === 'target');
    const chosen = [...(targets.length > 0 ? targets : accounts)];
    const ratings = reputationsOf(this.context, this.subjects);
    for (const { account } of signInsFromMalicious(this.facts, this.subjects, ratings)) {
      if (!chosen.includes(account)) chosen.push(account);
    }
    return chosen;
  }

  /**
   * Purges of the reported messages. A message is purged by the provider id a mailbox search or read of that
   * provider returned (through the same connector), else by the id the alert carried; one message found under
   * several ids (a provider id and its Message-ID) is purged once. Without any id, the sender's messages are
   * searched for first.
   */
  private phishingResponse(): Desired[] {
    const phishing = this.alertsOfKind('phishing');
    if (phishing.size === 0) return [];
    const recipient = this.subjects.find(
      (subject) =>
        subject.kind === 'account' && subject.role === 'recipient' && subject.alertIds.some((id) => phishing.has(id)),
    );
    const found: MessageFact[] = this.facts.messages;
    const known = new Set(
      found.flatMap((fact) => [fact.id, fact.internetMessageId ?? ''].map((id) => id.toLowerCase())),
    );
    const fromAlerts = this.onAlerts('message', phishing).filter((subject) => !known.has(subject.value.toLowerCase()));
    if (found.length === 0 && fromAlerts.length === 0) {
      return this.onAlerts('sender', phishing).map((sender) => ({
        capability: 'message.search',
        subject: sender,
        what: `Find the messages from ${sender.value}`,
        ...(recipient !== undefined && { values: { mailbox: recipient.value } }),
      }));
    }
    const purge = (id: string, mailbox: string | undefined, connectorId: string | undefined): Desired => ({
      capability: 'message.purge',
      subject: { kind: 'message', value: id, aliases: [id.toLowerCase()], role: 'target', alertIds: [] },
      what: `Purge phishing message ${id}`,
      ...(mailbox !== undefined && { values: { mailbox } }),
      ...(connectorId !== undefined && { connectorId }),
    });
    return [
      ...found.map((fact) => purge(fact.id, fact.mailbox ?? recipient?.value, fact.source.connectorId)),
      ...fromAlerts.map((subject) => purge(subject.value, recipient?.value, undefined)),
    ];
  }

  private actionsLine(): string {
    const actions = this.context.evidence.filter((record) => record.risk !== 'read');
    return actions.length === 0 ? 'no actions' : actions.map((record) => `${record.tool} ${record.status}`).join(', ');
  }

  private resolve(): Plan {
    const verdict = this.context.case.verdict;
    const caseLine = `${this.context.case.title} (${this.context.case.id})`;
    const verdictLine =
      verdict === null ? 'no verdict' : `verdict ${verdict.value} at confidence ${verdict.confidence}`;
    const summary = `${caseLine}: ${verdictLine}. Actions: ${this.actionsLine()}.`;
    if (verdict?.value === 'true_positive') {
      const calls = this.collect([
        { capability: 'ticket.create', what: `[Rampart] ${this.context.case.title}`, values: { body: summary } },
        { capability: 'chat.post', what: `Rampart: ${summary}`, values: { body: `Rampart: ${summary}` } },
      ]);
      const search = this.searchCall();
      if (search !== null) return search;
      if (calls.length > 0) return { summary: `reporting: ${calls.map((call) => call.name).join(', ')}.`, calls };
    }
    if (this.offered.has('resolveCase')) {
      return { summary: `resolving: ${summary}`, calls: [{ name: 'resolveCase', arguments: { summary } }] };
    }
    return { summary: `resolution done: ${summary}`, calls: [] };
  }

  private skippedNote(): string {
    return this.skipped.length === 0 ? '' : ` Skipped: ${[...new Set(this.skipped)].join('; ')}.`;
  }
}

/**
 * The offline default reasoner, for `npm run demo`, tests, and hosts without a model. It reads only the case
 * context the loop provides (entities, alert classes, titles and types, severities, evidence so far), never an
 * instruction from the content, and chooses tools by capability:
 *
 * - triage and investigation: one lookup per subject with every matching reputation or profile tool offered, all
 *   in one step so the loop runs them in parallel; then a verdict with a confidence (see `assess`);
 * - response (true positives only): suspend and sign out compromised accounts, contain hosts with malware, purge
 *   phishing messages, deactivate leaked cloud keys;
 * - resolution: a ticket and a chat post for a true positive, then `resolveCase`.
 *
 * Its calls go through the gate like any model's.
 */
export function ruleBasedReasoner(options: RuleBasedReasonerOptions = {}): RuleBasedReasoner {
  const defaults = { channel: 'soc', ...options.defaults };
  return {
    id: options.id ?? 'rampart/rule-based',
    label,
    async generate(request: ModelRequest): Promise<ModelResponse> {
      const context = readCaseContext(request.messages);
      const turn = request.messages.filter((message) => message.role === 'assistant').length + 1;
      if (context === null) {
        return {
          text: `${label}: there is no case context to reason over.`,
          toolCalls: [],
          finishReason: 'stop',
          usage: {},
        };
      }
      const offered = new Map((request.tools ?? []).map((tool) => [tool.name, tool]));
      const plan = new Planner(context, offered, defaults).plan();
      const toolCalls: ModelToolCall[] = plan.calls.map((call, index) => ({
        id: `rb_${turn}_${index + 1}`,
        name: call.name,
        arguments: call.arguments,
      }));
      return {
        text: `${label}: ${plan.summary}`,
        toolCalls,
        finishReason: toolCalls.length > 0 ? 'tool-calls' : 'stop',
        usage: {},
      };
    },
  };
}
