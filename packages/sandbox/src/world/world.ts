import { type Clock, parseOrThrow, type Risk, valuesOf } from '@rampart/core';
import { guid, hexId, oktaStyleId, oktaUserId } from './derived-ids.js';
import { WorldSeed, type WorldSeedInput } from './world-seed.js';

/**
 * The simulated tenant's state. Vendor bindings read and change it through the methods below, so one fact has one
 * home: a host contained through Falcon is contained when Defender is asked; a user suspended in Okta cannot sign
 * in. Every vendor call is written to the action log (`actions`) with its tool, input, targets and simulated times.
 *
 * Entities are named in targets by `kind:value` keys, lower-cased: `user:<email>`, `host:<hostname>`,
 * `mailbox:<address>`, `message:<id>`, `access-key:<id>`, `ip:<address>`, `domain:<name>`, `url:<url>`,
 * `hash:<hex>`, `ticket:<key>`, `channel:<name>`, `incident:<id>`.
 */

export type UserStatus = 'active' | 'suspended' | 'deprovisioned' | 'locked';

export interface FactorState {
  id: string;
  type: 'push' | 'sms' | 'call' | 'totp' | 'webauthn' | 'email' | 'security_question';
  status: 'active' | 'pending';
  enrolledAt: number;
  device?: string;
}

export interface SessionState {
  id: string;
  ip: string;
  country?: string;
  city?: string;
  startedAt: number;
  userAgent?: string;
}

export interface SignInEvent {
  id: string;
  at: number;
  ip: string;
  country?: string;
  city?: string;
  result: 'success' | 'failure' | 'denied';
  kind: 'sign-in' | 'mfa-push' | 'mfa-verify' | 'session';
  reason?: string;
  userAgent?: string;
}

export interface UserState {
  key: string;
  email: string;
  name: string;
  /** Okta user id. */
  id: string;
  /** Entra object id. */
  objectId: string;
  title?: string;
  department?: string;
  manager?: string;
  city?: string;
  country?: string;
  vip: boolean;
  admin: boolean;
  status: UserStatus;
  statusChangedAt: number;
  groups: string[];
  factors: FactorState[];
  sessions: SessionState[];
  signIns: SignInEvent[];
  createdAt: number;
}

export interface ProcessState {
  pid: number;
  name: string;
  commandLine?: string;
  sha256?: string;
  user?: string;
  parent?: string;
  startedAt: number;
}

export interface HostState {
  key: string;
  hostname: string;
  /** CrowdStrike device id. */
  id: string;
  /** Defender machine id. */
  machineId: string;
  platform: 'Windows' | 'Mac' | 'Linux';
  osVersion: string;
  ip: string;
  externalIp: string;
  user?: string;
  criticality: 'standard' | 'high' | 'critical';
  contained: boolean;
  containmentChangedAt?: number;
  tags: string[];
  processes: ProcessState[];
  firstSeen: number;
  lastSeen: number;
}

export interface MessageState {
  id: string;
  mailbox: string;
  internetMessageId: string;
  from: string;
  fromName?: string;
  to: string[];
  subject: string;
  body: string;
  receivedAt: number;
  urls: string[];
  attachments: { name: string; sha256?: string; contentType: string; size: number }[];
  isRead: boolean;
  folder: string;
}

export interface AccessKeyState {
  accessKeyId: string;
  userName: string;
  status: 'Active' | 'Inactive';
  createdAt: number;
  lastUsed?: { at: number; service: string; region: string };
}

export interface ReputationState {
  type: 'ip' | 'domain' | 'url' | 'hash';
  value: string;
  verdict: 'malicious' | 'suspicious' | 'benign' | 'unknown';
  score: number;
  tags: string[];
  country?: string;
  isp?: string;
  fileName?: string;
}

export interface TicketState {
  key: string;
  id: string;
  projectKey: string;
  summary: string;
  description: string;
  status: 'Open' | 'Done';
  createdAt: number;
  comments: { id: string; body: string; at: number }[];
}

export interface ChatMessageState {
  channel: string;
  channelId: string;
  ts: string;
  text: string;
  at: number;
}

export interface IncidentState {
  id: string;
  number: number;
  title: string;
  serviceId: string;
  urgency: 'high' | 'low';
  status: 'triggered' | 'acknowledged' | 'resolved';
  body?: string;
  createdAt: number;
}

/** One call a vendor received: what the agents (or a test) did to the world, on the sandbox clock. */
export interface WorldAction {
  /** Position in the world's event order, shared with `recordEvent`. */
  sequence: number;
  connectorId: string;
  /** The connector's tool (operation) name. */
  tool: string;
  risk: Risk;
  capabilities: string[];
  /** The call's input as the tool took it: path parameters, query and body fields. */
  input: Record<string, unknown>;
  /** The world entities the input names (`user:…`, `host:…`), see `World.resolveTargets`. */
  targets: string[];
  startedAt: number;
  completedAt: number;
  /** HTTP status the simulated vendor answered. */
  status: number;
  outcome: 'succeeded' | 'failed';
}

/** Something that is not a vendor call but belongs in the same order (e.g. a human approving a pending action). */
export interface WorldEvent {
  sequence: number;
  at: number;
  type: string;
  data: Record<string, unknown>;
}

export type EntityKey = string;

const hostDefaults = { osVersion: { Windows: 'Windows 11', Mac: 'macOS 15', Linux: 'Ubuntu 24.04' } } as const;

function lower(value: string): string {
  return value.trim().toLowerCase();
}

/** Domain-like: labels of letters, digits and hyphens with a letter-only top-level label. */
const domainPattern = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const ipv4Pattern = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const hashPattern = /^([a-f0-9]{32}|[a-f0-9]{40}|[a-f0-9]{64})$/;

/** Raised by world methods when a vendor binding names something that does not exist (the binding answers 404). */
export class WorldLookupError extends Error {
  override readonly name = 'WorldLookupError';
}

export class World {
  readonly seed: WorldSeed;
  readonly users: UserState[] = [];
  readonly hosts: HostState[] = [];
  readonly messages: MessageState[] = [];
  /** Messages removed by a purge, kept for inspection; they are no longer in any mailbox. */
  readonly purgedMessages: MessageState[] = [];
  readonly accessKeys: AccessKeyState[] = [];
  readonly reputation = new Map<string, ReputationState>();
  readonly tickets: TicketState[] = [];
  readonly chatMessages: ChatMessageState[] = [];
  readonly incidents: IncidentState[] = [];
  /** Vendor-native alerts each connector holds (what its alert list and get tools return). */
  readonly vendorAlerts = new Map<string, unknown[]>();
  readonly actions: WorldAction[] = [];
  readonly events: WorldEvent[] = [];
  private readonly aliases = new Map<string, EntityKey>();
  private readonly vendorStates = new Map<string, unknown>();
  private sequence = 0;
  private counter = 0;

  constructor(
    seed: WorldSeedInput,
    private readonly clock: Clock,
  ) {
    this.seed = parseOrThrow(WorldSeed, seed, 'sandbox world');
    const now = clock.now();
    const start = (value: number | undefined, fallbackDaysAgo: number) => value ?? now - fallbackDaysAgo * 86_400_000;
    for (const user of this.seed.users) {
      const state: UserState = {
        key: `user:${user.email}`,
        email: user.email,
        name: user.name,
        id: user.id ?? oktaUserId(user.email),
        objectId: user.objectId ?? guid(`entra-user:${user.email}`),
        ...(user.title !== undefined && { title: user.title }),
        ...(user.department !== undefined && { department: user.department }),
        ...(user.manager !== undefined && { manager: user.manager }),
        ...(user.city !== undefined && { city: user.city }),
        ...(user.country !== undefined && { country: user.country }),
        vip: user.vip,
        admin: user.admin,
        status: user.status,
        statusChangedAt: now - 400 * 86_400_000,
        groups: user.groups.length > 0 ? user.groups : ['Everyone'],
        factors: user.factors.map((factor, index) => ({
          id: factor.id ?? oktaStyleId(factor.type === 'push' ? 'opf' : 'mbl', `${user.email}:${index}`),
          type: factor.type,
          status: factor.status,
          enrolledAt: start(factor.enrolledAt, 200),
          ...(factor.device !== undefined && { device: factor.device }),
        })),
        sessions: user.sessions.map((session, index) => ({
          id: session.id ?? oktaStyleId('102', `${user.email}:session:${index}`),
          ip: session.ip,
          ...(session.country !== undefined && { country: session.country }),
          ...(session.city !== undefined && { city: session.city }),
          startedAt: start(session.startedAt, 0.1),
          ...(session.userAgent !== undefined && { userAgent: session.userAgent }),
        })),
        signIns: user.signIns.map((signIn, index) => ({
          id: signIn.id ?? guid(`sign-in:${user.email}:${index}`),
          at: signIn.at,
          ip: signIn.ip,
          ...(signIn.country !== undefined && { country: signIn.country }),
          ...(signIn.city !== undefined && { city: signIn.city }),
          result: signIn.result,
          kind: signIn.kind,
          ...(signIn.reason !== undefined && { reason: signIn.reason }),
          ...(signIn.userAgent !== undefined && { userAgent: signIn.userAgent }),
        })),
        createdAt: now - 500 * 86_400_000,
      };
      this.users.push(state);
      for (const alias of [state.email, state.id, state.objectId]) this.alias(alias, state.key);
      this.alias(state.email.slice(0, state.email.indexOf('@')), state.key, { weak: true });
    }
    for (const host of this.seed.hosts) {
      const state: HostState = {
        key: `host:${host.hostname}`,
        hostname: host.hostname,
        id: host.id ?? hexId(`falcon-device:${host.hostname}`, 32),
        machineId: host.machineId ?? hexId(`defender-machine:${host.hostname}`, 40),
        platform: host.platform,
        osVersion: host.osVersion ?? hostDefaults.osVersion[host.platform],
        ip: host.ip ?? `10.20.${(this.hosts.length % 200) + 10}.${(this.hosts.length * 7) % 250}`,
        externalIp: host.externalIp ?? '198.51.100.10',
        ...(host.user !== undefined && { user: host.user.toLowerCase() }),
        criticality: host.criticality,
        contained: host.contained,
        tags: host.tags,
        processes: host.processes.map((process, index) => ({
          pid: process.pid ?? 4000 + index * 4,
          name: process.name,
          ...(process.commandLine !== undefined && { commandLine: process.commandLine }),
          ...(process.sha256 !== undefined && { sha256: process.sha256 }),
          ...(process.user !== undefined && { user: process.user }),
          ...(process.parent !== undefined && { parent: process.parent }),
          startedAt: start(process.startedAt, 0.05),
        })),
        firstSeen: now - 300 * 86_400_000,
        lastSeen: now - 60_000,
      };
      this.hosts.push(state);
      for (const alias of [state.hostname, state.id, state.machineId]) this.alias(alias, state.key);
      const short = state.hostname.split('.')[0]!;
      if (short !== state.hostname) this.alias(short, state.key, { weak: true });
    }
    for (const mailbox of this.seed.mailboxes) {
      if (!this.aliases.has(mailbox.address)) this.alias(mailbox.address, `mailbox:${mailbox.address}`);
      for (const message of mailbox.messages) {
        const state: MessageState = {
          id: message.id,
          mailbox: mailbox.address,
          internetMessageId: message.internetMessageId ?? `<${hexId(`message:${message.id}`, 24)}@mail.example>`,
          from: message.from,
          ...(message.fromName !== undefined && { fromName: message.fromName }),
          to: message.to ?? [mailbox.address],
          subject: message.subject,
          body: message.body,
          receivedAt: message.receivedAt,
          urls: message.urls,
          attachments: message.attachments,
          isRead: message.isRead,
          folder: message.folder,
        };
        this.messages.push(state);
        this.alias(state.id, `message:${lower(state.id)}`);
        this.alias(state.internetMessageId, `message:${lower(state.id)}`);
      }
    }
    for (const key of this.seed.accessKeys) {
      this.accessKeys.push({
        accessKeyId: key.accessKeyId,
        userName: key.userName,
        status: key.status,
        createdAt: start(key.createdAt, 120),
        ...(key.lastUsed !== undefined && { lastUsed: key.lastUsed }),
      });
      this.alias(key.accessKeyId, `access-key:${lower(key.accessKeyId)}`);
    }
    for (const entry of this.seed.reputation) {
      const score =
        entry.score ??
        { malicious: 96, suspicious: 55, benign: 0, unknown: 0 }[entry.verdict as 'malicious' | 'suspicious'];
      this.reputation.set(`${entry.type}:${entry.value}`, {
        type: entry.type,
        value: entry.value,
        verdict: entry.verdict,
        score,
        tags: entry.tags,
        ...(entry.country !== undefined && { country: entry.country }),
        ...(entry.isp !== undefined && { isp: entry.isp }),
        ...(entry.fileName !== undefined && { fileName: entry.fileName }),
      });
    }
    for (const channel of this.seed.channels) {
      this.alias(channel.name, `channel:${lower(channel.name)}`);
      this.alias(`#${channel.name}`, `channel:${lower(channel.name)}`);
      this.alias(this.channelId(channel.name), `channel:${lower(channel.name)}`);
    }
  }

  /** Names `key` by another value too (a vendor's own id of the entity), so targets resolve it. */
  addAlias(value: string, key: EntityKey): void {
    this.alias(value, key);
  }

  private alias(value: string, key: EntityKey, options: { weak?: boolean } = {}): void {
    const normalized = lower(value);
    if (normalized === '') return;
    if (options.weak && this.aliases.has(normalized)) return;
    this.aliases.set(normalized, key);
  }

  /** The current simulated time. */
  now(): number {
    return this.clock.now();
  }

  /** A counter for ids the world hands out (tickets, chat messages, incidents). */
  nextId(): number {
    this.counter += 1;
    return this.counter;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Targets

  /**
   * The entities a call input names: every string in it that is an id, name or address the world knows, and (for
   * indicators the world has no record of) IPs, URLs, hashes and domains by their shape. Keys are sorted.
   */
  resolveTargets(input: unknown): EntityKey[] {
    const keys = new Set<EntityKey>();
    for (const raw of valuesOf(input)) {
      const key = this.resolveValue(raw);
      if (key !== undefined) keys.add(key);
    }
    return [...keys].sort();
  }

  /** The entity one value names, if any. */
  resolveValue(raw: string): EntityKey | undefined {
    const value = lower(raw);
    if (value === '' || value.length > 2048) return undefined;
    const known = this.aliases.get(value);
    if (known !== undefined) return known;
    for (const type of ['ip', 'domain', 'url', 'hash'] as const) {
      if (this.reputation.has(`${type}:${value}`)) return `${type}:${value}`;
    }
    if (ipv4Pattern.test(value) || (value.includes(':') && /^[0-9a-f:]+$/.test(value) && value.includes('::'))) {
      return `ip:${value}`;
    }
    if (/^https?:\/\//.test(value)) return `url:${value}`;
    if (hashPattern.test(value)) return `hash:${value}`;
    if (domainPattern.test(value)) return `domain:${value}`;
    return undefined;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Action log

  /** Appends a vendor call to the action log. */
  recordAction(action: Omit<WorldAction, 'sequence'>): WorldAction {
    const recorded = { ...action, sequence: ++this.sequence };
    this.actions.push(recorded);
    return recorded;
  }

  /** Appends a non-vendor event (e.g. an approval) in the same order as the actions. */
  recordEvent(type: string, data: Record<string, unknown>): WorldEvent {
    const event = { sequence: ++this.sequence, at: this.clock.now(), type, data };
    this.events.push(event);
    return event;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Identity

  /** A user by email, login shortname, Okta id or Entra object id. */
  findUser(reference: string): UserState | undefined {
    const key = this.aliases.get(lower(reference));
    return key === undefined ? undefined : this.users.find((user) => user.key === key);
  }

  getUser(reference: string): UserState {
    const user = this.findUser(reference);
    if (user === undefined) throw new WorldLookupError(`No user "${reference}"`);
    return user;
  }

  setUserStatus(user: UserState, status: UserStatus): void {
    if (user.status === status) return;
    user.status = status;
    user.statusChangedAt = this.clock.now();
    if (status !== 'active') user.sessions = [];
  }

  /** Ends every session of the user. Returns how many there were. */
  revokeSessions(user: UserState): number {
    const count = user.sessions.length;
    user.sessions = [];
    return count;
  }

  /** Unenrolls every MFA factor of the user. Returns how many there were. */
  resetFactors(user: UserState): number {
    const count = user.factors.length;
    user.factors = [];
    return count;
  }

  /**
   * Someone tries to sign in as the user. A suspended, locked or deprovisioned account is refused; otherwise the
   * attempt succeeds and opens a session. The attempt lands in the user's sign-in log either way.
   */
  signIn(
    reference: string,
    attempt: { ip: string; country?: string; city?: string; userAgent?: string },
  ): { allowed: boolean; event: SignInEvent } {
    const user = this.getUser(reference);
    const at = this.clock.now();
    const allowed = user.status === 'active';
    const event: SignInEvent = {
      id: guid(`sign-in:${user.email}:${user.signIns.length}:${at}`),
      at,
      ip: attempt.ip,
      ...(attempt.country !== undefined && { country: attempt.country }),
      ...(attempt.city !== undefined && { city: attempt.city }),
      result: allowed ? 'success' : 'denied',
      kind: 'sign-in',
      ...(!allowed && { reason: `User is ${user.status}` }),
      ...(attempt.userAgent !== undefined && { userAgent: attempt.userAgent }),
    };
    user.signIns.push(event);
    if (allowed) {
      user.sessions.push({
        id: oktaStyleId('102', `${user.email}:${at}:${user.sessions.length}`),
        ip: attempt.ip,
        ...(attempt.country !== undefined && { country: attempt.country }),
        ...(attempt.city !== undefined && { city: attempt.city }),
        startedAt: at,
        ...(attempt.userAgent !== undefined && { userAgent: attempt.userAgent }),
      });
    }
    return { allowed, event };
  }

  // -------------------------------------------------------------------------------------------------------------
  // Endpoints

  /** A host by hostname (full or short), Falcon device id or Defender machine id. */
  findHost(reference: string): HostState | undefined {
    const key = this.aliases.get(lower(reference));
    return key === undefined ? undefined : this.hosts.find((host) => host.key === key);
  }

  getHost(reference: string): HostState {
    const host = this.findHost(reference);
    if (host === undefined) throw new WorldLookupError(`No host "${reference}"`);
    return host;
  }

  /** Isolates or releases a host. Containment holds until released, whichever vendor is asked. */
  setContained(host: HostState, contained: boolean): void {
    if (host.contained === contained) return;
    host.contained = contained;
    host.containmentChangedAt = this.clock.now();
  }

  // -------------------------------------------------------------------------------------------------------------
  // Mail

  findMessage(reference: string): MessageState | undefined {
    const value = lower(reference);
    return this.messages.find((message) => lower(message.id) === value || lower(message.internetMessageId) === value);
  }

  messagesOf(mailbox: string): MessageState[] {
    const address = lower(mailbox);
    const user = this.findUser(address);
    return this.messages.filter((message) => message.mailbox === address || message.mailbox === user?.email);
  }

  /** Deletes a message (hard delete): it is gone from its mailbox and every search. */
  purgeMessage(message: MessageState): void {
    const index = this.messages.indexOf(message);
    if (index === -1) return;
    this.messages.splice(index, 1);
    this.purgedMessages.push(message);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Cloud

  findAccessKey(accessKeyId: string): AccessKeyState | undefined {
    return this.accessKeys.find((key) => key.accessKeyId === accessKeyId.trim());
  }

  accessKeysOf(userName: string): AccessKeyState[] {
    return this.accessKeys.filter((key) => key.userName === userName);
  }

  setAccessKeyStatus(key: AccessKeyState, status: AccessKeyState['status']): void {
    key.status = status;
  }

  /**
   * Someone signs a request with the key. An inactive key is refused (`InvalidClientTokenId` at AWS) and its last
   * use stays as it was.
   */
  useAccessKey(
    accessKeyId: string,
    use: { service?: string; region?: string } = {},
  ): { allowed: boolean; error?: string } {
    const key = this.findAccessKey(accessKeyId);
    if (key === undefined) return { allowed: false, error: 'InvalidClientTokenId' };
    if (key.status !== 'Active') return { allowed: false, error: 'InvalidClientTokenId' };
    key.lastUsed = {
      at: this.clock.now(),
      service: use.service ?? 'sts',
      region: use.region ?? this.seed.cloud.region,
    };
    return { allowed: true };
  }

  // -------------------------------------------------------------------------------------------------------------
  // Threat intelligence

  /** What threat intelligence knows of an indicator; `unknown` when the world holds nothing about it. */
  reputationOf(type: ReputationState['type'], value: string): ReputationState {
    const normalized = lower(value);
    return (
      this.reputation.get(`${type}:${normalized}`) ?? {
        type,
        value: normalized,
        verdict: 'unknown',
        score: 0,
        tags: [],
      }
    );
  }

  // -------------------------------------------------------------------------------------------------------------
  // Ticketing, chat, on-call

  createTicket(input: { projectKey: string; summary: string; description?: string }): TicketState {
    const number = this.tickets.filter((ticket) => ticket.projectKey === input.projectKey).length + 1;
    const ticket: TicketState = {
      key: `${input.projectKey}-${number}`,
      id: String(10_000 + this.tickets.length + 1),
      projectKey: input.projectKey,
      summary: input.summary,
      description: input.description ?? '',
      status: 'Open',
      createdAt: this.clock.now(),
      comments: [],
    };
    this.tickets.push(ticket);
    this.alias(ticket.key, `ticket:${lower(ticket.key)}`);
    this.alias(ticket.id, `ticket:${lower(ticket.key)}`);
    return ticket;
  }

  findTicket(reference: string): TicketState | undefined {
    const value = lower(reference);
    return this.tickets.find((ticket) => lower(ticket.key) === value || ticket.id === value);
  }

  channelId(name: string): string {
    const channel = this.seed.channels.find((candidate) => candidate.name === name.replace(/^#/, ''));
    return channel?.id ?? `C${hexId(`slack-channel:${name}`, 10).toUpperCase()}`;
  }

  findChannel(reference: string): { name: string; id: string } | undefined {
    const value = reference.replace(/^#/, '');
    for (const channel of this.seed.channels) {
      const id = this.channelId(channel.name);
      if (channel.name === value || id === value) return { name: channel.name, id };
    }
    return undefined;
  }

  postChatMessage(channel: { name: string; id: string }, text: string): ChatMessageState {
    const at = this.clock.now();
    const message: ChatMessageState = {
      channel: channel.name,
      channelId: channel.id,
      ts: `${Math.floor(at / 1000)}.${String(this.nextId()).padStart(6, '0')}`,
      text,
      at,
    };
    this.chatMessages.push(message);
    return message;
  }

  createIncident(input: { title: string; serviceId?: string; urgency?: 'high' | 'low'; body?: string }): IncidentState {
    const number = this.incidents.length + 1;
    const incident: IncidentState = {
      id: `Q${hexId(`incident:${number}:${input.title}`, 13).toUpperCase()}`,
      number,
      title: input.title,
      serviceId: input.serviceId ?? this.seed.services[0]?.id ?? 'PSEC001',
      urgency: input.urgency ?? 'high',
      status: 'triggered',
      ...(input.body !== undefined && { body: input.body }),
      createdAt: this.clock.now(),
    };
    this.incidents.push(incident);
    this.alias(incident.id, `incident:${lower(incident.id)}`);
    return incident;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Vendor alerts

  /** Gives a connector native alerts to serve from its alert list and get tools. */
  addVendorAlerts(connectorId: string, alerts: readonly unknown[]): void {
    const list = this.vendorAlerts.get(connectorId) ?? [];
    // Copies: vendor actions (archiving, status updates) change the world's alerts, never the scenario's.
    list.push(...alerts.map((alert) => structuredClone(alert)));
    this.vendorAlerts.set(connectorId, list);
  }

  alertsOf(connectorId: string): unknown[] {
    return this.vendorAlerts.get(connectorId) ?? [];
  }

  /**
   * State one vendor keeps that no other vendor shares (Defender's machine actions, Falcon's custom IOCs), created
   * on first use. Shared facts (containment, account status) live in the world's own fields instead.
   */
  vendorState<T>(key: string, create: () => T): T {
    if (!this.vendorStates.has(key)) this.vendorStates.set(key, create());
    return this.vendorStates.get(key) as T;
  }
}
