import { z } from 'zod';
import { type EntityKind, entityKinds } from '../observables/entity.js';
import { tryParseObservable } from '../observables/parse-observable.js';
import { parseOrThrow } from '../validation.js';

/**
 * What a tenant says about its own estate, as the gate's policies read it: which assets are critical, which
 * accounts belong to VIPs, and which data is internal and must never leave for a public service. This is the
 * small, data-only form; a later graph-backed view answers the same `Governance` questions from the context graph.
 *
 * Each entry is an entity key (`host:dc-01.corp.acme.example`, `user:ceo@acme.example`,
 * `hash:sha256:…`, `domain:corp.acme.example`) or a bare identifier (`00u1abcd`, an EDR device id) that
 * matches the same text, case-insensitively.
 */
export const GovernanceFacts = z.strictObject({
  /** Hosts, servers, cloud resources that are never contained or wiped without a human's approval. */
  criticalAssets: z.array(z.string().min(1)).default([]),
  /** Accounts of people whose accounts are never changed without a human's approval. */
  vips: z.array(z.string().min(1)).default([]),
  /** Data that must never be sent to a public lookup: internal file hashes, internal domains (and their subdomains), IPs. */
  internalOnly: z.array(z.string().min(1)).default([]),
});
export type GovernanceFacts = z.output<typeof GovernanceFacts>;
export type GovernanceFactsInput = z.input<typeof GovernanceFacts>;

/** The governance labels a value can carry. */
export const governanceLabels = ['critical-asset', 'vip', 'internal-only'] as const;
export const GovernanceLabel = z.enum(governanceLabels);
export type GovernanceLabel = z.infer<typeof GovernanceLabel>;

/** One governed entry named by one value. */
export interface GovernanceMatch {
  label: GovernanceLabel;
  /** The governance entry as written, e.g. `host:dc-01.corp.acme.example`. */
  entry: string;
  /** The value that named it, as found. */
  value: string;
}

/** A tenant's governance, as the policies query it. */
export interface Governance {
  /** Every governed entry that any of `values` names (at most one match per entry and value). */
  match(values: readonly string[]): GovernanceMatch[];
}

interface CompiledEntry {
  label: GovernanceLabel;
  entry: string;
  kind: EntityKind | null;
  /** Canonical value for a typed entry; lower-cased text for a bare identifier. */
  value: string;
}

const kindSet: ReadonlySet<string> = new Set(entityKinds);

function compile(label: GovernanceLabel, entry: string): CompiledEntry {
  const separator = entry.indexOf(':');
  const kind = separator > 0 ? entry.slice(0, separator) : '';
  if (kindSet.has(kind)) {
    const parsed = tryParseObservable(kind as EntityKind, entry.slice(separator + 1));
    if (parsed.ok) return { label, entry, kind: kind as EntityKind, value: parsed.entity.value };
  }
  return { label, entry, kind: null, value: entry.trim().toLowerCase() };
}

/** `acme\jane.doe` → `jane.doe`; `jane.doe@acme.example` → `jane.doe`; anything else as is. */
function accountName(value: string): string {
  const backslash = value.lastIndexOf('\\');
  const after = backslash === -1 ? value : value.slice(backslash + 1);
  const at = after.indexOf('@');
  return at === -1 ? after : after.slice(0, at);
}

function firstLabel(host: string): string {
  const dot = host.indexOf('.');
  return dot === -1 ? host : host.slice(0, dot);
}

/** The host a network value names: a domain or host as is, the host of a URL, the domain of an email address. */
function networkHost(raw: string): string | null {
  for (const kind of ['url', 'email', 'domain', 'host'] as const) {
    const parsed = tryParseObservable(kind, raw);
    if (!parsed.ok) continue;
    const value = parsed.entity.value;
    if (kind === 'url') {
      try {
        return new URL(value).hostname.toLowerCase();
      } catch {
        continue;
      }
    }
    if (kind === 'email') return value.slice(value.lastIndexOf('@') + 1);
    return value;
  }
  return null;
}

/**
 * Whether `raw` names `entry`. Deliberately generous where a wrong "yes" only costs an approval or a refused
 * lookup: a short host name matches its fully qualified form, an account matches by name across `DOMAIN\name`,
 * `name@domain` and `name`, and an internal domain covers its subdomains and the URLs and addresses under it.
 */
function names(entry: CompiledEntry, raw: string): boolean {
  const text = raw.trim();
  if (text.length === 0 || text.length > 2048) return false;
  if (entry.kind === null) return text.toLowerCase() === entry.value;
  switch (entry.kind) {
    case 'host': {
      const parsed = tryParseObservable('host', text);
      if (!parsed.ok) return false;
      const value = parsed.entity.value;
      if (value === entry.value) return true;
      const shortEntry = !entry.value.includes('.');
      const shortValue = !value.includes('.');
      return (shortEntry || shortValue) && firstLabel(value) === firstLabel(entry.value);
    }
    case 'user':
    case 'email':
    case 'mailbox': {
      const parsed = tryParseObservable('user', text);
      if (!parsed.ok) return false;
      const value = parsed.entity.value;
      return value === entry.value || accountName(value) === accountName(entry.value);
    }
    case 'domain': {
      const host = networkHost(text);
      return host !== null && (host === entry.value || host.endsWith(`.${entry.value}`));
    }
    default: {
      const parsed = tryParseObservable(entry.kind, text);
      return parsed.ok && parsed.entity.value === entry.value;
    }
  }
}

/** A `Governance` over plain lists (see `GovernanceFacts`). Entries that do not parse as their kind match as text. */
export function governanceFrom(facts: GovernanceFactsInput = {}): Governance {
  const parsed = parseOrThrow(GovernanceFacts, facts, 'governance');
  const entries: CompiledEntry[] = [
    ...parsed.criticalAssets.map((entry) => compile('critical-asset', entry)),
    ...parsed.vips.map((entry) => compile('vip', entry)),
    ...parsed.internalOnly.map((entry) => compile('internal-only', entry)),
  ];
  return {
    match(values) {
      const matches: GovernanceMatch[] = [];
      for (const entry of entries) {
        for (const value of values) {
          if (names(entry, value)) {
            matches.push({ label: entry.label, entry: entry.entry, value });
            break;
          }
        }
      }
      return matches;
    },
  };
}

/** Governance that governs nothing. */
export const emptyGovernance: Governance = { match: () => [] };

const maxCollectedValues = 256;
const maxDepth = 8;

/**
 * Every string (and number, as text) inside a tool input, depth first, in order: the values the policies test
 * against governance. Bounded, so a hostile input cannot make the gate walk forever.
 */
export function valuesOf(input: unknown): string[] {
  const values: string[] = [];
  const visit = (value: unknown, depth: number) => {
    if (values.length >= maxCollectedValues || depth > maxDepth) return;
    if (typeof value === 'string') values.push(value);
    else if (typeof value === 'number' && Number.isFinite(value)) values.push(String(value));
    else if (Array.isArray(value)) for (const item of value) visit(item, depth + 1);
    else if (typeof value === 'object' && value !== null) {
      for (const item of Object.values(value)) visit(item, depth + 1);
    }
  };
  visit(input, 0);
  return values;
}
