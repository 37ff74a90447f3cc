import type { Alert } from '../alerts/alert.js';
import { observableTypeIds } from '../alerts/alert.js';
import type { Entity, EntityKind } from '../observables/entity.js';

/** Turns an alert into its canonical, de-duplicated entities. */
export type ExtractEntities = (alert: Alert) => Entity[];

const kindOfObservableType = new Map<number, EntityKind>([
  [observableTypeIds.hostname, 'host'],
  [observableTypeIds.ipAddress, 'ip'],
  [observableTypeIds.userName, 'user'],
  [observableTypeIds.emailAddress, 'email'],
  [observableTypeIds.urlString, 'url'],
  [observableTypeIds.fileName, 'file'],
  [observableTypeIds.hash, 'hash'],
  [observableTypeIds.processName, 'process'],
  [observableTypeIds.resourceUid, 'cloud_resource'],
]);

/** Kinds whose values are case-insensitive, so lower-casing them is canonical. */
const caseInsensitiveKinds = new Set<EntityKind>(['host', 'ip', 'email', 'hash', 'domain', 'user']);

/**
 * A simple extractor: each observable whose OCSF type maps to an entity kind, trimmed and (where the kind is
 * case-insensitive) lower-cased, de-duplicated. Full canonical forms (IPv6 compression, punycode, URL
 * normalization) belong to the observables parsers.
 */
export function observableEntities(alert: Alert): Entity[] {
  const entities: Entity[] = [];
  const seen = new Set<string>();
  for (const observable of alert.observables) {
    const kind = kindOfObservableType.get(observable.type_id);
    if (kind === undefined) continue;
    let value = observable.value.trim();
    if (value === '') continue;
    if (caseInsensitiveKinds.has(kind)) value = value.toLowerCase();
    const key = `${kind}:${value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    entities.push({ kind, value });
  }
  return entities;
}

const placeholderValues = new Set(['-', 'n/a', 'na', 'none', 'null', 'unknown', 'undefined', 'anonymous']);
const nonIdentifyingValues: Partial<Record<EntityKind, ReadonlySet<string>>> = {
  ip: new Set(['0.0.0.0', '127.0.0.1', '255.255.255.255', '::', '::1']),
  host: new Set(['localhost', 'localhost.localdomain']),
  user: new Set(['system', 'nt authority\\system', 'local service', 'network service', 'guest']),
};

/**
 * Whether an entity says anything about which case an alert belongs to. Loopback and unspecified
 * addresses, `localhost`, built-in service accounts and placeholders ("unknown", "-") appear in unrelated
 * alerts all the time; correlating on them would glue unrelated alerts into one case. Such entities stay on
 * the alert and the case, they just do not correlate. Hosts add their own (a proxy, a mail gateway) through
 * the engine's `correlateOn` option.
 */
export function correlatesByDefault(entity: Entity): boolean {
  const value = entity.value.toLowerCase();
  if (placeholderValues.has(value)) return false;
  return !(nonIdentifyingValues[entity.kind]?.has(value) ?? false);
}
