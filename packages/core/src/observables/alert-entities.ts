import type { Alert } from '../alerts/alert.js';
import { observableTypeIds } from '../alerts/alert.js';
import { canonicalCloudResourceOrIssue, canonicalCloudResourceText, cloudResourceNotation } from './cloud-resource.js';
import { canonicalNameText } from './domain.js';
import { canonicalEmailOrIssue } from './email.js';
import { type Entity, type EntityKey, type EntityKind, entityKey } from './entity.js';
import { canonicalPathOrIssue } from './file-path.js';
import { canonicalHashOrIssue } from './hash.js';
import { canonicalHostText } from './host.js';
import { canonicalIpOrIssue, canonicalIpText, looksLikeIp } from './ip.js';
import type { Canonical, ObservableIssueCode } from './observable-issue.js';
import { refang } from './refang.js';
import { canonicalUrlOrIssue } from './url.js';
import { canonicalUserOrIssue } from './user.js';

/** An alert value that names an entity but has no canonical form. */
export interface RejectedObservable {
  /** Where the value sits in the alert: `observables[2].value`, `resources[0].uid`. */
  path: string;
  kind: EntityKind;
  value: string;
  code: ObservableIssueCode;
  /** Why, naming the part at fault, e.g. `octets[3]: octet 256 is above 255`. */
  reason: string;
}

export interface AlertEntities {
  /** Canonical entities, de-duplicated, in order of first appearance. */
  entities: Entity[];
  /** Values that failed to parse; the alert itself is still good. */
  rejected: RejectedObservable[];
}

const ids = observableTypeIds;

/** Object observables (OCSF `endpoint`, `user`, `url`, `file`, `process`) usually carry no value. */
function isObjectType(typeId: number): boolean {
  return (
    typeId === ids.endpoint ||
    typeId === ids.user ||
    typeId === ids.url ||
    typeId === ids.file ||
    typeId === ids.process
  );
}

const linearScanLimit = 16;

/** Collects canonical entities and rejects for one alert; a class so the hot loop allocates no closures. */
class EntityCollector {
  readonly entities: Entity[] = [];
  readonly rejected: RejectedObservable[] = [];
  /** Built only for alerts with many entities; below that a linear scan is cheaper than hashing fresh keys. */
  private seen: Set<EntityKey> | null = null;

  /** `where` is the observable index, or `-1 - index` for `resources[index].uid`: paths are built only on rejects. */
  add(kind: EntityKind, result: Canonical, where: number, value: string): void {
    if (typeof result !== 'string') {
      const reason = result.path ? `${result.path}: ${result.message}` : result.message;
      const path = where >= 0 ? `observables[${where}].value` : `resources[${-1 - where}].uid`;
      this.rejected.push({ path, kind, value, code: result.code, reason });
      return;
    }
    const entity: Entity = { kind, value: result };
    const entities = this.entities;
    if (this.seen === null) {
      for (let index = 0; index < entities.length; index++) {
        const other = entities[index]!;
        if (other.value === result && other.kind === kind) return;
      }
      entities.push(entity);
      if (entities.length === linearScanLimit) this.seen = new Set(entities.map(entityKey));
      return;
    }
    const key = entityKey(entity);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    entities.push(entity);
  }

  /** A host name, or an IP when a product put an address in a hostname field. */
  addHostOrIp(value: string, where: number): void {
    const text = refang(value.trim());
    if (looksLikeIp(text)) this.add('ip', canonicalIpText(text), where, value);
    else this.add('host', canonicalHostText(text), where, value);
  }

  /**
   * `hostname_t` values under a DNS query or a URL (`query.hostname`, `url.hostname`) name domains; elsewhere
   * (`device.hostname`, `src_endpoint.hostname`) they name machines. A dotless name is a host either way.
   */
  addHostname(value: string, name: string, where: number): void {
    const text = refang(value.trim());
    if (looksLikeIp(text)) {
      this.add('ip', canonicalIpText(text), where, value);
    } else if (name.includes('query') || name.includes('url')) {
      const result = canonicalNameText(text, 1);
      this.add(typeof result === 'string' && result.indexOf('.') !== -1 ? 'domain' : 'host', result, where, value);
    } else {
      this.add('host', canonicalHostText(text), where, value);
    }
  }
}

/**
 * The canonical entities an alert names: its OCSF `observables` (by `type_id`) and the cloud
 * resource ids (ARN, Azure id, Google full name) in `resources[].uid`. Values that do not parse are skipped
 * and listed in `rejected` with the reason, so one malformed field never loses the rest of the alert.
 * Observable types that are not entities (MAC, port, subnet, command line, user agent) are ignored.
 */
export function entitiesOfAlert(alert: Alert): AlertEntities {
  const collector = new EntityCollector();
  const observables = alert.observables;
  for (let index = 0; index < observables.length; index++) {
    const observable = observables[index]!;
    const typeId = observable.type_id;
    const value = observable.value;
    if (value.length === 0 && isObjectType(typeId)) continue;
    switch (typeId) {
      case ids.hostname:
        collector.addHostname(value, observable.name, index);
        break;
      case ids.endpoint:
        collector.addHostOrIp(value, index);
        break;
      case ids.ipAddress:
        collector.add('ip', canonicalIpOrIssue(value), index, value);
        break;
      case ids.userName:
      case ids.user:
        collector.add('user', canonicalUserOrIssue(value), index, value);
        break;
      case ids.emailAddress:
        collector.add('email', canonicalEmailOrIssue(value), index, value);
        break;
      case ids.urlString:
      case ids.url:
        collector.add('url', canonicalUrlOrIssue(value), index, value);
        break;
      case ids.fileName:
      case ids.filePath:
      case ids.file:
        collector.add('file', canonicalPathOrIssue(value), index, value);
        break;
      case ids.hash:
        collector.add('hash', canonicalHashOrIssue(value), index, value);
        break;
      case ids.processName:
      case ids.process:
        collector.add('process', canonicalPathOrIssue(value), index, value);
        break;
      case ids.resourceUid:
        collector.add('cloud_resource', canonicalCloudResourceOrIssue(value), index, value);
        break;
      default:
        // MAC, port, subnet, command line, user agent ...: facts about entities, not entities.
        break;
    }
  }

  const resources = alert.resources;
  if (resources !== undefined) {
    for (let index = 0; index < resources.length; index++) {
      const uid = resources[index]!.uid?.trim();
      if (uid === undefined || uid.length === 0 || cloudResourceNotation(uid) === 'opaque') continue;
      collector.add('cloud_resource', canonicalCloudResourceText(uid), -1 - index, uid);
    }
  }
  return { entities: collector.entities, rejected: collector.rejected };
}
