import type { Alert } from '../alerts/alert.js';
import { entitiesOfAlert } from '../observables/alert-entities.js';
import type { Entity, EntityKind } from '../observables/entity.js';

/** Turns an alert into its canonical, de-duplicated entities. */
export type ExtractEntities = (alert: Alert) => Entity[];

/** The default extractor: the observables parsers' canonical entities (values that do not parse are skipped). */
export function canonicalEntitiesOfAlert(alert: Alert): Entity[] {
  return entitiesOfAlert(alert).entities;
}

const placeholderValues = new Set(['-', 'n/a', 'na', 'none', 'null', 'unknown', 'undefined', 'anonymous']);
const nonIdentifyingValues: Partial<Record<EntityKind, ReadonlySet<string>>> = {
  ip: new Set(['0.0.0.0', '127.0.0.1', '255.255.255.255', '::', '::1']),
  host: new Set(['localhost', 'localhost.localdomain']),
  user: new Set(['system', 'nt authority\\system', 'local service', 'network service', 'guest']),
};

const longestListedValue = Math.max(
  ...[placeholderValues, ...Object.values(nonIdentifyingValues)].flatMap((values) =>
    [...values].map((value) => value.length),
  ),
);

/**
 * Whether an entity says anything about which case an alert belongs to. Loopback and unspecified
 * addresses, `localhost`, built-in service accounts and placeholders ("unknown", "-") appear in unrelated
 * alerts all the time; correlating on them would glue unrelated alerts into one case. Such entities stay on
 * the alert and the case, they just do not correlate. Hosts add their own (a proxy, a mail gateway) through
 * the engine's `correlateOn` option.
 */
export function correlatesByDefault(entity: Entity): boolean {
  // Runs once per entity of every alert: most values are longer than any listed one, so skip lower-casing them.
  if (entity.value.length > longestListedValue) return true;
  const value = entity.value.toLowerCase();
  if (placeholderValues.has(value)) return false;
  return !(nonIdentifyingValues[entity.kind]?.has(value) ?? false);
}
