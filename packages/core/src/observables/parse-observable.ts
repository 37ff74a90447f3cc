import type { ValidationError } from '../errors.js';
import { canonicalCloudResourceOrIssue } from './cloud-resource.js';
import { canonicalDomainOrIssue } from './domain.js';
import { canonicalEmailOrIssue } from './email.js';
import type { Entity, EntityKind } from './entity.js';
import { canonicalPathOrIssue } from './file-path.js';
import { canonicalHashOrIssue } from './hash.js';
import { canonicalHostOrIssue } from './host.js';
import { canonicalIpOrIssue } from './ip.js';
import { type Canonical, type ObservableIssue, observableError } from './observable-issue.js';
import { canonicalUrlOrIssue } from './url.js';
import { canonicalUserOrIssue } from './user.js';

/**
 * One canonicaliser per entity kind. Network kinds (ip, domain, url, email, mailbox, host) refang their
 * input first; the others never do, because `[.]` can be a legitimate part of a file name or user name.
 */
const canonicalisers: Readonly<Record<EntityKind, (raw: string) => Canonical>> = {
  ip: canonicalIpOrIssue,
  domain: canonicalDomainOrIssue,
  url: canonicalUrlOrIssue,
  email: canonicalEmailOrIssue,
  mailbox: canonicalEmailOrIssue,
  hash: canonicalHashOrIssue,
  user: canonicalUserOrIssue,
  host: canonicalHostOrIssue,
  process: canonicalPathOrIssue,
  file: canonicalPathOrIssue,
  cloud_resource: canonicalCloudResourceOrIssue,
};

export type ObservableParseResult =
  | { ok: true; entity: Entity }
  | { ok: false; kind: EntityKind; value: string; issue: ObservableIssue };

/** Like `parseObservable`, but returns the problem instead of throwing: for bulk paths where rejects are data. */
export function tryParseObservable(kind: EntityKind, raw: string): ObservableParseResult {
  const canonicaliser = canonicalisers[kind];
  if (canonicaliser === undefined) {
    return {
      ok: false,
      kind,
      value: raw,
      issue: { path: 'kind', code: 'unsupported', message: `unknown kind "${kind}"` },
    };
  }
  const result = canonicaliser(raw);
  if (typeof result === 'string') return { ok: true, entity: { kind, value: result } };
  return { ok: false, kind, value: raw, issue: result };
}

/**
 * Turns raw observable text into its canonical entity, or throws a `ValidationError` whose subject names the
 * kind and value and whose issue names the part at fault (`octets[3]`, `host.labels[0]`, `port` ...).
 * Canonical values are fixed points: `parseObservable(k, parseObservable(k, x).value)` returns the same value.
 * @example parseObservable('url', 'hxxps://Evil[.]com/a#b') // { kind: 'url', value: 'https://evil.com/a' }
 */
export function parseObservable(kind: EntityKind, raw: string): Entity {
  const result = tryParseObservable(kind, raw);
  if (result.ok) return result.entity;
  throw observableError(kind, raw, result.issue) satisfies ValidationError;
}
