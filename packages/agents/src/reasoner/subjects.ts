import { type EntityKind, tryParseObservable, valuesOf } from '@rampart/core';
import type { AlertSummary, CaseContext } from '../runtime/case-context.js';

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
    const aliases = [...new Set([value.toLowerCase(), raw.trim().toLowerCase()])];
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

/** Message identifiers found in the output of earlier message searches. */
export function messageIdsFromEvidence(context: CaseContext): string[] {
  const found = new Set<string>();
  for (const record of context.evidence) {
    if (record.status !== 'executed' || !record.capabilities.some((capability) => capability.startsWith('message.'))) {
      continue;
    }
    collectKeys(record.output, /^(id|messageId|message_id|internetMessageId|internet_message_id)$/i, found, 0);
  }
  return [...found];
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

function collectKeys(value: unknown, pattern: RegExp, found: Set<string>, depth: number) {
  if (depth > 6 || found.size >= 20) return;
  if (Array.isArray(value)) for (const item of value) collectKeys(item, pattern, found, depth + 1);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, member] of Object.entries(value)) {
      if (pattern.test(key) && typeof member === 'string' && member.trim() !== '') found.add(member.trim());
      else collectKeys(member, pattern, found, depth + 1);
    }
  }
}

/** The user name of an IAM user ARN (`arn:aws:iam::1:user/build-bot` → `build-bot`), else `null`. */
export function iamUserName(arn: string): string | null {
  const match = /:user\/(?:.*\/)?([^/]+)$/.exec(arn);
  return match?.[1] ?? null;
}
