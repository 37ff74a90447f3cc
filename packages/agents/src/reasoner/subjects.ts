import { type EntityKind, tryParseObservable, valuesOf } from '@rampart/core';
import type { AlertSummary, CaseContext } from '../runtime/case-context.js';
import type { EvidenceFacts } from './evidence-facts.js';

/**
 * What the rule-based reasoner acts on, read from the alerts' observables (never from their free text): which
 * values are addresses, domains, accounts, hosts, senders, messages and cloud keys, and what role each plays.
 */
export type SubjectKind =
  | 'ip'
  | 'domain'
  | 'url'
  | 'hash'
  | 'account'
  | 'host'
  | 'sender'
  | 'message'
  | 'cloud-key'
  | 'cloud-identity';

export interface Subject {
  kind: SubjectKind;
  /** Canonical where the value parses, as written otherwise. */
  value: string;
  /** Other spellings of the same subject, lower-cased, for matching against earlier calls. */
  aliases: string[];
  /** `actor`: did the thing (an admin); `target`: had it done to them; `recipient` of a message. */
  role: 'actor' | 'target' | 'recipient' | 'sender';
  /** The alerts that name it. */
  alertIds: string[];
  /** Vendor ids of the subject (an EDR device id, an identity provider's user id), from the alerts. */
  uids?: string[];
}

const accessKeyPattern = /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g;

function canonical(kind: EntityKind, raw: string): string | null {
  const parsed = tryParseObservable(kind, raw);
  return parsed.ok ? parsed.entity.value : null;
}

/**
 * The subject as a tool argument. Canonical values are for matching; a vendor wants the value it knows: a file
 * hash is bare hex (`sha256:ab…` canonically, `ab…` to VirusTotal or an EDR).
 */
export function argumentValueOf(subject: Pick<Subject, 'kind' | 'value'>): string {
  if (subject.kind === 'hash') {
    const colon = subject.value.indexOf(':');
    return colon === -1 ? subject.value : subject.value.slice(colon + 1);
  }
  return subject.value;
}

/** `acme\jane.doe` and `jane.doe@acme.example` are one account. */
export function accountName(value: string): string {
  const backslash = value.lastIndexOf('\\');
  const after = backslash === -1 ? value : value.slice(backslash + 1);
  const at = after.indexOf('@');
  return (at === -1 ? after : after.slice(0, at)).toLowerCase();
}

class SubjectSet {
  readonly list: Subject[] = [];

  add(kind: SubjectKind, value: string | null, raw: string, role: Subject['role'], alertId: string) {
    if (value === null || value === '') return;
    const found = this.list.find((subject) => subject.kind === kind && subject.value === value);
    if (found !== undefined) {
      if (!found.alertIds.includes(alertId)) found.alertIds.push(alertId);
      if (role === 'target' && found.role === 'actor') found.role = 'target';
      return;
    }
    const aliases = [...new Set([value.toLowerCase(), raw.trim().toLowerCase(), argumentValueOf({ kind, value })])];
    this.list.push({ kind, value, aliases, role, alertIds: [alertId] });
  }
}

function roleOf(name: string): Subject['role'] {
  if (/^actor\./i.test(name)) return 'actor';
  if (/(^|\.)(to|cc|bcc|rcpt|recipients?)(\.|$)/i.test(name)) return 'recipient';
  return 'target';
}

function addAlert(subjects: SubjectSet, alert: AlertSummary) {
  for (const observable of alert.observables) {
    const { name, typeId, value } = observable;
    switch (typeId) {
      case 2:
        subjects.add('ip', canonical('ip', value), value, roleOf(name), alert.id);
        break;
      case 1:
        if (/domain|dst_endpoint|url|remote/i.test(name)) {
          subjects.add('domain', canonical('domain', value), value, 'target', alert.id);
        } else subjects.add('host', canonical('host', value), value, roleOf(name), alert.id);
        break;
      case 4:
        subjects.add('account', canonical('user', value), value, roleOf(name), alert.id);
        break;
      case 5: {
        const email = canonical('email', value);
        if (/(^|\.)(from|sender|reply_to)(\.|$)/i.test(name)) {
          subjects.add('sender', email, value, 'sender', alert.id);
          if (email !== null) {
            const domain = email.slice(email.lastIndexOf('@') + 1);
            subjects.add('domain', canonical('domain', domain), domain, 'sender', alert.id);
          }
        } else subjects.add('account', email, value, roleOf(name), alert.id);
        break;
      }
      case 6:
      case 23:
        subjects.add('url', canonical('url', value), value, 'target', alert.id);
        break;
      case 8:
        subjects.add('hash', canonical('hash', value), value, 'target', alert.id);
        break;
      default:
        if (/message_?uid|message\.uid|internet_message_id|message_id|email\.uid/i.test(name)) {
          subjects.add('message', value.trim(), value, 'target', alert.id);
        }
    }
    for (const key of value.match(accessKeyPattern) ?? []) subjects.add('cloud-key', key, key, 'target', alert.id);
  }
  for (const resource of alert.resources) {
    const uid = resource.uid ?? '';
    for (const key of uid.match(accessKeyPattern) ?? []) subjects.add('cloud-key', key, key, 'target', alert.id);
    if (
      /^arn:|^\/subscriptions\/|^projects\//i.test(uid) ||
      /iam|principal|service.?account/i.test(resource.type ?? '')
    ) {
      subjects.add('cloud-identity', canonical('cloud_resource', uid) ?? uid, uid, 'target', alert.id);
      const userName = iamUserName(uid);
      const added = subjects.list.at(-1);
      if (userName !== null && added?.kind === 'cloud-identity' && !added.aliases.includes(userName.toLowerCase())) {
        added.aliases.push(userName.toLowerCase());
      }
    }
  }
}

/** Every subject the alerts name, accounts merged across notations (the email form kept when there is one). */
export function subjectsOf(context: CaseContext): Subject[] {
  const subjects = new SubjectSet();
  for (const alert of context.alerts) addAlert(subjects, alert);
  const accounts = subjects.list.filter((subject) => subject.kind === 'account');
  const merged: Subject[] = [];
  for (const account of accounts) {
    const same = merged.find((other) => accountName(other.value) === accountName(account.value));
    if (same === undefined) {
      merged.push(account);
      continue;
    }
    same.aliases = [...new Set([...same.aliases, ...account.aliases])];
    same.alertIds = [...new Set([...same.alertIds, ...account.alertIds])];
    if (account.role === 'target') same.role = 'target';
    if (!same.value.includes('@') && account.value.includes('@')) same.value = account.value;
  }
  const all = [...subjects.list.filter((subject) => subject.kind !== 'account'), ...merged];
  for (const alert of context.alerts) {
    for (const identity of alert.identities) {
      const subject = all.find(
        (candidate) => candidate.kind === identity.kind && namesIdentity(candidate, identity.names),
      );
      if (subject !== undefined && !subject.uids?.includes(identity.uid))
        subject.uids = [...(subject.uids ?? []), identity.uid];
    }
  }
  return all;
}

function namesIdentity(subject: Subject, names: readonly string[]): boolean {
  return names.some((name) => {
    const lower = name.trim().toLowerCase();
    if (subject.aliases.includes(lower)) return true;
    if (subject.kind === 'account') return accountName(lower) === accountName(subject.value);
    const host = canonical('host', name);
    return host !== null && (host === subject.value || host.split('.')[0] === subject.value.split('.')[0]);
  });
}

const idKeys = ['id', 'uid', 'device_id', 'deviceId', 'aid', 'machineId', 'objectId'];

/** A vendor id in a profile or details answer: its own `id`, or the first item's in a list answer. */
export function vendorIdOf(output: unknown): string | undefined {
  const first = (value: unknown): unknown => (Array.isArray(value) ? value[0] : value);
  let record = first(output);
  if (typeof record === 'object' && record !== null) {
    const wrapper = record as Record<string, unknown>;
    for (const key of ['resources', 'value', 'data', 'items', 'results']) {
      if (Array.isArray(wrapper[key])) {
        record = wrapper[key][0];
        break;
      }
    }
  }
  if (typeof record !== 'object' || record === null) return undefined;
  for (const key of idKeys) {
    const value = (record as Record<string, unknown>)[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return undefined;
}

/** Access key ids found in earlier cloud key lookups. */
export function accessKeysFromEvidence(context: CaseContext): string[] {
  const found = new Set<string>();
  for (const record of context.evidence) {
    if (record.status !== 'executed') continue;
    for (const value of valuesOf(record.output)) for (const key of value.match(accessKeyPattern) ?? []) found.add(key);
  }
  return [...found];
}

/** The user name of an IAM user ARN (`arn:aws:iam::1:user/build-bot` → `build-bot`), else `null`. */
export function iamUserName(arn: string): string | null {
  const match = /:user\/(?:.*\/)?([^/]+)$/.exec(arn);
  return match?.[1] ?? null;
}

/** Whether a canonical address is routable on the internet: a private or local one means nothing to a public lookup. */
export function isPublicAddress(ip: string): boolean {
  if (ip.includes(':')) return !/^(::1?$|fe[89ab][0-9a-f]:|f[cd][0-9a-f]{2}:)/i.test(ip);
  const [first = 0, second = 0] = ip.split('.').map(Number);
  if (first === 10 || first === 127 || first === 0 || first >= 224) return false;
  if (first === 172 && second >= 16 && second <= 31) return false;
  if (first === 192 && second === 168) return false;
  if (first === 169 && second === 254) return false;
  if (first === 100 && second >= 64 && second <= 127) return false;
  return true;
}

/**
 * Subjects the evidence adds to those of the alerts: the public addresses an account signed in from, so their
 * reputation can be looked up like an alert's. They belong to no alert.
 */
export function subjectsFromFacts(facts: EvidenceFacts, known: readonly Subject[]): Subject[] {
  const added: Subject[] = [];
  for (const signIn of facts.signIns) {
    const ip = signIn.ip;
    if (ip === undefined || !isPublicAddress(ip)) continue;
    if ([...known, ...added].some((subject) => subject.kind === 'ip' && subject.value === ip)) continue;
    added.push({ kind: 'ip', value: ip, aliases: [ip], role: 'actor', alertIds: [] });
  }
  return added;
}
