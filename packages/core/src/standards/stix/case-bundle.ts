import type { Alert } from '../../alerts/alert.js';
import type { Verdict } from '../../cases/timeline.js';
import { parseEntityKey } from '../../observables/entity.js';
import { attackTechniquesOfAlerts } from '../attack-techniques.js';
import { parseStixBundle, type StixBundle, type StixObject } from './stix-bundle-schema.js';
import { observableId, rampartObjectId } from './stix-ids.js';

/** What the export reads of a case: a `CaseRecord` and its `StoredAlert`s fit as they are. */
export interface StixCaseInput {
  case: {
    id: string;
    tenantId: string;
    title: string;
    createdAt: number;
    updatedAt: number;
    verdict: { value: Verdict } | null;
  };
  alerts: readonly { id: string; entities: readonly string[]; duplicateCount?: number; alert: Alert }[];
  /** Who produced the bundle (an `identity` of class `system`); default "Rampart". */
  producer?: string;
}

const stixHashNames = { md5: 'MD5', sha1: 'SHA-1', sha256: 'SHA-256', sha512: 'SHA-512' } as const;

/** A STIX pattern string literal: backslashes and quotes escaped (STIX 2.1 §9.3 Patterning, string constants). */
function quoted(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

/** The observable object and indicator pattern of an entity, or `null` for entities that are not indicators. */
function observableOf(entityKey: string): { object: StixObject; pattern: string } | null {
  const { kind, value } = parseEntityKey(entityKey);
  const simple = (type: 'ipv4-addr' | 'ipv6-addr' | 'domain-name' | 'url' | 'email-addr') => ({
    object: { type, spec_version: '2.1', id: observableId(type, { value }), value } as StixObject,
    pattern: `[${type}:value = ${quoted(value)}]`,
  });
  switch (kind) {
    case 'ip':
      return simple(value.includes(':') ? 'ipv6-addr' : 'ipv4-addr');
    case 'domain':
      return simple('domain-name');
    case 'url':
      return simple('url');
    case 'email':
      return simple('email-addr');
    case 'hash': {
      const separator = value.indexOf(':');
      const algorithm = stixHashNames[value.slice(0, separator) as keyof typeof stixHashNames];
      if (algorithm === undefined) return null;
      const hex = value.slice(separator + 1);
      const hashes = { [algorithm]: hex };
      return {
        object: { type: 'file', spec_version: '2.1', id: observableId('file', { hashes }), hashes } as StixObject,
        pattern: `[file:hashes.${quoted(algorithm)} = ${quoted(hex)}]`,
      };
    }
    default:
      // Users, hosts, mailboxes, processes and cloud resources are the tenant's own assets, not indicators.
      return null;
  }
}

const iso = (epochMilliseconds: number) => new Date(epochMilliseconds).toISOString();

function attackUrl(techniqueId: string): string {
  return `https://attack.mitre.org/techniques/${techniqueId.replace('.', '/')}/`;
}

/**
 * A STIX 2.1 bundle of a case's indicators and their sightings: for every address, domain, URL, email address and
 * file hash the case's alerts name, an observable, an indicator (pattern), the observed data (first and last
 * alert time, how many alerts) and a sighting by the tenant; an attack-pattern for every ATT&CK technique the alerts
 * carry, which the indicators indicate; and a grouping for the case. Ids are name-based (UUIDv5), so exporting the
 * same case again gives the same bundle. The bundle is validated (`parseStixBundle`) before it is returned.
 */
export function stixBundleOfCase(input: StixCaseInput): StixBundle {
  const { case: record } = input;
  const producerName = input.producer ?? 'Rampart';
  const producer: StixObject = {
    type: 'identity',
    spec_version: '2.1',
    id: rampartObjectId('identity', 'producer', producerName),
    created: iso(0),
    modified: iso(0),
    name: producerName,
    identity_class: 'system',
  };
  const tenant: StixObject = {
    type: 'identity',
    spec_version: '2.1',
    id: rampartObjectId('identity', 'tenant', record.tenantId),
    created: iso(0),
    modified: iso(0),
    created_by_ref: producer.id,
    name: record.tenantId,
    identity_class: 'organization',
  };
  const created = iso(record.createdAt);
  const modified = iso(Math.max(record.updatedAt, record.createdAt));
  const domain = { spec_version: '2.1' as const, created, modified, created_by_ref: producer.id };
  const caseReference = { source_name: 'rampart-case', external_id: record.id };

  const sightings = new Map<string, { first: number; last: number; count: number }>();
  for (const stored of input.alerts) {
    const occurrences = 1 + (stored.duplicateCount ?? 0);
    for (const key of stored.entities) {
      const seen = sightings.get(key);
      const time = stored.alert.time;
      if (seen === undefined) sightings.set(key, { first: time, last: time, count: occurrences });
      else
        sightings.set(key, {
          first: Math.min(seen.first, time),
          last: Math.max(seen.last, time),
          count: seen.count + occurrences,
        });
    }
  }

  const techniques = attackTechniquesOfAlerts(input.alerts.map((stored) => stored.alert));
  const techniqueNames = new Map<string, string>();
  for (const stored of input.alerts) {
    for (const attack of stored.alert.attacks ?? []) {
      for (const part of [attack.technique, attack.sub_technique]) {
        if (part?.uid !== undefined && part.name !== undefined) techniqueNames.set(part.uid, part.name);
      }
    }
  }
  const attackPatterns: StixObject[] = techniques.map((techniqueId) => ({
    type: 'attack-pattern',
    ...domain,
    id: rampartObjectId('attack-pattern', techniqueId),
    // Created by the producer once per technique, whatever the case: its own fixed timestamps.
    created: iso(0),
    modified: iso(0),
    name: techniqueNames.get(techniqueId) ?? techniqueId,
    external_references: [{ source_name: 'mitre-attack', external_id: techniqueId, url: attackUrl(techniqueId) }],
  }));

  const observables: StixObject[] = [];
  const caseObjects: StixObject[] = [];
  const indicatorTypes = record.verdict?.value === 'true_positive' ? ['malicious-activity'] : ['anomalous-activity'];
  for (const [key, seen] of [...sightings].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const observable = observableOf(key);
    if (observable === null) continue;
    observables.push(observable.object);
    const indicator: StixObject = {
      type: 'indicator',
      ...domain,
      id: rampartObjectId('indicator', record.tenantId, record.id, observable.pattern),
      name: key,
      indicator_types: indicatorTypes,
      pattern: observable.pattern,
      pattern_type: 'stix',
      valid_from: iso(seen.first),
      external_references: [caseReference],
    };
    const observedData: StixObject = {
      type: 'observed-data',
      ...domain,
      id: rampartObjectId('observed-data', record.tenantId, record.id, observable.object.id),
      first_observed: iso(seen.first),
      last_observed: iso(seen.last),
      number_observed: seen.count,
      object_refs: [observable.object.id],
    };
    const sighting: StixObject = {
      type: 'sighting',
      ...domain,
      id: rampartObjectId('sighting', record.tenantId, record.id, indicator.id),
      first_seen: iso(seen.first),
      last_seen: iso(seen.last),
      count: seen.count,
      sighting_of_ref: indicator.id,
      observed_data_refs: [observedData.id],
      where_sighted_refs: [tenant.id],
    };
    caseObjects.push(indicator, observedData, sighting);
    for (const pattern of attackPatterns) {
      caseObjects.push({
        type: 'relationship',
        ...domain,
        id: rampartObjectId('relationship', 'indicates', indicator.id, pattern.id),
        relationship_type: 'indicates',
        source_ref: indicator.id,
        target_ref: pattern.id,
      });
    }
  }

  const members = [...observables, ...caseObjects, ...attackPatterns];
  const objects: StixObject[] = [producer, tenant, ...members];
  if (members.length > 0) {
    objects.push({
      type: 'grouping',
      ...domain,
      id: rampartObjectId('grouping', record.tenantId, record.id),
      name: record.title,
      context: 'suspicious-activity',
      object_refs: members.map((object) => object.id),
      external_references: [
        caseReference,
        ...techniques.map((techniqueId) => ({
          source_name: 'mitre-attack',
          external_id: techniqueId,
          url: attackUrl(techniqueId),
        })),
      ],
    });
  }
  return parseStixBundle({
    type: 'bundle',
    id: rampartObjectId('bundle', record.tenantId, record.id, modified),
    objects,
  });
}
