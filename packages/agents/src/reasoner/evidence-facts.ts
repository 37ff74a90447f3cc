import { tryParseObservable } from '@rampart/core';
import type { CaseContext, ContextEvidence } from '../runtime/case-context.js';

/**
 * The rule-based reasoner's evidence model: typed facts read out of the outputs of earlier tool calls, each with
 * the call it came from. The planner reasons over facts, never over raw vendor JSON, so any other source of
 * context (a context graph, precedents) can feed it by producing the same facts.
 */

/** Which call a fact came from: the tool, and the connector whose ids it speaks (one vendor's id means nothing to another). */
export interface FactSource {
  tool: string;
  connectorId?: string;
}

/** A message a mailbox search or read found. */
export interface MessageFact {
  /** The mail provider's id of the message: what its purge and read tools take. */
  id: string;
  /** The RFC 5322 Message-ID, when the provider returned it: the same message in every system. */
  internetMessageId?: string;
  /** The mailbox searched, as the call named it. */
  mailbox?: string;
  source: FactSource;
}

/** One sign-in (or session) of an account, as an identity provider's log reported it. */
export interface SignInFact {
  /** The account the lookup was about, as the call named it. */
  account: string;
  ip?: string;
  country?: string;
  source: FactSource;
}

export interface EvidenceFacts {
  messages: MessageFact[];
  signIns: SignInFact[];
}

const messageIdKeys = /^(id|messageId|message_id)$/i;
const internetMessageIdKeys = /^(internetMessageId|internet_message_id|rfc822MessageId|message-id)$/i;
const mailboxKeys = /^(mailbox|userId|user_id|userPrincipalName|upn|user)$/i;
const ipKeys = /(^|_|\b)(ip|ipAddress|ip_address|clientIp|client_ip|ipAddr)$/i;
const countryKeys = /^(country|countryOrRegion|country_?code)$/i;
const maxItems = 200;

const executedWith = (record: ContextEvidence, capability: string) =>
  record.status === 'executed' && record.capabilities.includes(capability);

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

function sourceOf(record: ContextEvidence): FactSource {
  return { tool: record.tool, ...(record.connectorId !== undefined && { connectorId: record.connectorId }) };
}

/** The string value of the first input field whose name matches `pattern`. */
function inputField(record: ContextEvidence, pattern: RegExp): string | undefined {
  if (typeof record.input !== 'object' || record.input === null) return undefined;
  for (const [key, value] of Object.entries(record.input)) {
    if (pattern.test(key) && text(value) !== undefined) return text(value);
  }
  return undefined;
}

/**
 * The items of a list answer, whatever the vendor wraps them in (`value`, `messages`, `data` …), or the answer
 * itself when it is one object.
 */
function itemsOf(output: unknown, depth = 0): Record<string, unknown>[] {
  if (depth > 3 || output === null || typeof output !== 'object') return [];
  if (Array.isArray(output)) {
    return output
      .filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null)
      .slice(0, maxItems);
  }
  const record = output as Record<string, unknown>;
  const lists = Object.values(record).filter(Array.isArray);
  if (lists.length > 0) return lists.flatMap((list) => itemsOf(list, depth + 1)).slice(0, maxItems);
  return [record];
}

/** Messages found by mailbox searches and reads: one fact per message, its provider id and Message-ID together. */
export function messagesFromEvidence(context: CaseContext): MessageFact[] {
  const found: MessageFact[] = [];
  for (const record of context.evidence) {
    if (!executedWith(record, 'message.search') && !executedWith(record, 'message.get')) continue;
    const mailbox = inputField(record, mailboxKeys);
    for (const item of itemsOf(record.output)) {
      const id = Object.entries(item).find(([key, value]) => messageIdKeys.test(key) && text(value))?.[1];
      if (typeof id !== 'string') continue;
      const internet = Object.entries(item).find(([key, value]) => internetMessageIdKeys.test(key) && text(value));
      if (found.some((fact) => fact.id === id.trim() && fact.source.connectorId === record.connectorId)) continue;
      // A search across mailboxes says which mailbox each message is in; a search of one mailbox was given it.
      const itemMailbox = Object.entries(item).find(([key, value]) => /^mailbox$/i.test(key) && text(value))?.[1];
      const where = typeof itemMailbox === 'string' ? itemMailbox.trim() : mailbox;
      found.push({
        id: id.trim(),
        ...(internet !== undefined && { internetMessageId: String(internet[1]).trim() }),
        ...(where !== undefined && { mailbox: where }),
        source: sourceOf(record),
      });
    }
  }
  return found;
}

/** The first value under a key matching `pattern`, anywhere in `value` (a sign-in event nests them). */
function deepField(
  value: unknown,
  pattern: RegExp,
  accept: (candidate: string) => boolean,
  depth = 0,
): string | undefined {
  if (depth > 5 || value === null || typeof value !== 'object') return undefined;
  for (const [key, member] of Object.entries(value)) {
    const candidate = text(member);
    if (candidate !== undefined && pattern.test(key) && accept(candidate)) return candidate;
  }
  for (const member of Object.values(value)) {
    const nested = deepField(member, pattern, accept, depth + 1);
    if (nested !== undefined) return nested;
  }
  return undefined;
}

const isIp = (candidate: string) => tryParseObservable('ip', candidate).ok;

/** Sign-ins from identity-provider logs: which account signed in from which address and country. */
export function signInsFromEvidence(context: CaseContext): SignInFact[] {
  const found: SignInFact[] = [];
  for (const record of context.evidence) {
    if (!executedWith(record, 'user.sign-ins')) continue;
    const named = inputField(record, /user|login|principal|account|email|upn|^q$|query|filter|search/i);
    if (named === undefined) continue;
    // A filter names the account inside an expression (`userPrincipalName eq 'dana@acme.example'`).
    const account = /[^\s'"=()]+@[^\s'"=()]+/.exec(named)?.[0] ?? named;
    for (const item of itemsOf(record.output)) {
      const raw = deepField(item, ipKeys, isIp);
      const parsed = raw === undefined ? undefined : tryParseObservable('ip', raw);
      const ip = parsed?.ok ? parsed.entity.value : undefined;
      const country = deepField(item, countryKeys, () => true);
      if (ip === undefined && country === undefined) continue;
      found.push({
        account,
        ...(ip !== undefined && { ip }),
        ...(country !== undefined && { country: country.toLowerCase() }),
        source: sourceOf(record),
      });
    }
  }
  return found;
}

/** Every fact the evidence so far holds. */
export function factsOf(context: CaseContext): EvidenceFacts {
  return { messages: messagesFromEvidence(context), signIns: signInsFromEvidence(context) };
}
