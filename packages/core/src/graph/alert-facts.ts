import { type Alert, alertTitle } from '../alerts/alert.js';
import { entitiesOfAlert, type RejectedObservable } from '../observables/alert-entities.js';
import { type Entity, type EntityKey, entityKey } from '../observables/entity.js';
import { tryParseObservable } from '../observables/parse-observable.js';
import { hostOfCanonicalUrl } from '../observables/url.js';
import { attackTechniquesOf } from '../standards/attack-techniques.js';
import { alertTypeOf } from './alert-type.js';
import { alertNodeId, caseNodeId, type GraphEdgeInput, type GraphNodeInput, type Provenance } from './graph-fact.js';
import type { GraphWrite } from './graph-store.js';

export interface AlertFactsOptions {
  tenantId: string;
  /** The id the case engine gave the alert. */
  alertId: string;
  /** The case the alert was added to, when it was. */
  caseId?: string;
  /** When Rampart received the alert (epoch milliseconds). */
  observedAt: number;
  connectorId?: string;
  /** The audit leaf that records the alert's arrival. */
  auditLeafIndex?: number;
}

export interface AlertFacts {
  facts: GraphWrite;
  /** Values the alert names that have no canonical form; they are left out of the graph. */
  rejected: RejectedObservable[];
}

const authenticationClass = 3002;
const dnsActivityClass = 4003;

function kindsOf(entities: readonly Entity[], kind: Entity['kind']): EntityKey[] {
  return entities.filter((entity) => entity.kind === kind).map(entityKey);
}

/**
 * The graph facts one normalized alert states: a node for the alert (its type, title, severity and ATT&CK
 * techniques), a node for every canonical entity it names (written only when new, so history is kept), an
 * `alert names entity` edge for each, `case includes alert` when it joined a case, and the relations the alert
 * itself establishes: a URL is on its domain, an authentication puts its users on its hosts, a DNS activity has
 * its hosts resolve its domains. Every fact is valid from the alert's event time and carries its provenance.
 */
export function factsOfAlert(alert: Alert, options: AlertFactsOptions): AlertFacts {
  const { entities, rejected } = entitiesOfAlert(alert);
  const provenance: Provenance = {
    source: 'alert',
    tenantId: options.tenantId,
    alertId: options.alertId,
    ...(options.caseId !== undefined && { caseId: options.caseId }),
    ...(options.connectorId !== undefined && { connectorId: options.connectorId }),
    ...(options.auditLeafIndex !== undefined && { auditLeafIndex: options.auditLeafIndex }),
  };
  const temporal = { validFrom: alert.time, observedAt: Math.max(options.observedAt, alert.time) };
  const alertId = alertNodeId(options.alertId);

  const allEntities = [...entities];
  const edges: GraphEdgeInput[] = [];
  const relate = (from: GraphEdgeInput['from'], relation: GraphEdgeInput['relation'], to: GraphEdgeInput['to']) =>
    edges.push({ from, relation, to, ...temporal, provenance });

  for (const entity of entities) {
    if (entity.kind !== 'url') continue;
    const domain = tryParseObservable('domain', hostOfCanonicalUrl(entity.value));
    if (domain.ok) {
      if (!allEntities.some((other) => other.kind === 'domain' && other.value === domain.entity.value)) {
        allEntities.push(domain.entity);
      }
      relate(entityKey(entity), 'on-domain', entityKey(domain.entity));
    }
  }
  const hosts = kindsOf(entities, 'host');
  if (alert.class_uid === authenticationClass) {
    for (const user of kindsOf(entities, 'user')) for (const host of hosts) relate(user, 'logged-on-to', host);
  }
  if (alert.class_uid === dnsActivityClass) {
    for (const host of hosts) for (const domain of kindsOf(entities, 'domain')) relate(host, 'resolved', domain);
  }
  for (const entity of allEntities) relate(alertId, 'names', entityKey(entity));

  const alertNode: GraphNodeInput = {
    id: alertId,
    kind: 'alert',
    label: alertTitle(alert),
    attributes: {
      alertType: alertTypeOf(alert),
      classUid: alert.class_uid,
      severityId: alert.severity_id,
      attackTechniques: attackTechniquesOf(alert),
      vendor: alert.metadata.product.vendor_name,
      product: alert.metadata.product.name,
    },
    ...temporal,
    provenance,
  };
  const ensureNodes: GraphNodeInput[] = allEntities.map((entity) => ({
    id: entityKey(entity),
    kind: entity.kind,
    ...temporal,
    provenance,
  }));
  if (options.caseId !== undefined) {
    const caseId = caseNodeId(options.caseId);
    ensureNodes.push({ id: caseId, kind: 'case', ...temporal, provenance });
    relate(caseId, 'includes', alertId);
  }
  return { facts: { nodes: [alertNode], ensureNodes, edges }, rejected };
}
