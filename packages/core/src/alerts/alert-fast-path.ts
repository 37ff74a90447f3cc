import type { Alert } from './alert.js';
import { alertClassIssues, attackSubTechniqueId, attackTacticId, attackTechniqueId } from './alert-class-rules.js';
import { SharedStrings } from './shared-strings.js';

/** The vocabulary strings of parsed alerts, one copy each (see `SharedStrings`). */
const vocabulary = new SharedStrings();
const share = <T>(value: T): T => vocabulary.share(value);

/**
 * A hand-written check of the `Alert` schema for the common case, about ten times faster than zod's parse:
 * case ingest validates every alert, and zod's generic object walk was the largest single cost per alert.
 *
 * It returns what zod would return — fresh objects and arrays for every level the schema models (unknown
 * members copied by reference, as zod's loose objects copy them), defaults filled in — or `undefined` when it
 * cannot vouch for the input. `parseAlert` then runs zod, which decides and words the errors. So this path only
 * ever accepts, never rejects: when it is unsure it steps aside. `alert-fast-path.test.ts` compares both on
 * valid alerts and on many broken ones.
 */
export function parseAlertFastPath(input: unknown): Alert | undefined {
  if (!isPlainObject(input)) return undefined;
  if (
    !isPositiveInteger(input.class_uid) ||
    !isOptionalString(input.class_name) ||
    !isPositiveInteger(input.category_uid) ||
    !isOptionalString(input.category_name) ||
    !(input.activity_id === undefined || isCount(input.activity_id)) ||
    !(input.type_uid === undefined || isCount(input.type_uid)) ||
    !isSeverityId(input.severity_id) ||
    !isOptionalString(input.severity) ||
    !isCount(input.time) ||
    !isOptionalString(input.message) ||
    !(input.status_id === undefined || isCount(input.status_id)) ||
    !isOptionalString(input.raw_data)
  ) {
    return undefined;
  }
  const metadata = metadataCopy(input.metadata);
  if (metadata === undefined) return undefined;
  const alert: Record<string, unknown> = { ...input, metadata };
  if (input.activity_id === undefined) alert.activity_id = 0;
  // Members that are present are overwritten with their shared copy; absent ones stay absent, as zod leaves them.
  if (input.class_name !== undefined) alert.class_name = share(input.class_name);
  if (input.category_name !== undefined) alert.category_name = share(input.category_name);
  if (input.severity !== undefined) alert.severity = share(input.severity);
  if (input.message !== undefined) alert.message = share(input.message);

  if (input.observables === undefined) alert.observables = [];
  else {
    const observables = arrayCopy(input.observables, observableCopy);
    if (observables === undefined) return undefined;
    alert.observables = observables;
  }
  if (input.finding_info !== undefined) {
    const findingInfo = findingInfoCopy(input.finding_info);
    if (findingInfo === undefined) return undefined;
    alert.finding_info = findingInfo;
  }
  if (input.resources !== undefined) {
    const resources = arrayCopy(input.resources, resourceCopy);
    if (resources === undefined) return undefined;
    alert.resources = resources;
  }
  if (input.attacks !== undefined) {
    const attacks = arrayCopy(input.attacks, attackCopy);
    if (attacks === undefined) return undefined;
    alert.attacks = attacks;
  }
  if (input.unmapped !== undefined) {
    if (!isPlainObject(input.unmapped) || Object.hasOwn(input.unmapped, '__proto__')) return undefined;
    alert.unmapped = { ...input.unmapped };
  }
  const checked = alert as Alert;
  return alertClassIssues(checked).length === 0 ? checked : undefined;
}

type PlainObject = Record<string, unknown>;

/** What JSON and object literals produce; anything else (class instances, arrays) is left to zod. */
function isPlainObject(value: unknown): value is PlainObject {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

const isOptionalString = (value: unknown): boolean => value === undefined || typeof value === 'string';
const isText = (value: unknown): boolean => typeof value === 'string' && value.length > 0;
// zod's `.int()` admits safe integers only.
const isCount = (value: unknown): boolean => Number.isSafeInteger(value) && (value as number) >= 0;
const isPositiveInteger = (value: unknown): boolean => Number.isSafeInteger(value) && (value as number) > 0;
const isOptionalInteger = (value: unknown): boolean => value === undefined || Number.isSafeInteger(value);
const isSeverityId = (value: unknown): boolean =>
  Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= 6;

function arrayCopy<T>(value: unknown, copy: (element: unknown) => T | undefined): T[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const copied: T[] = new Array(value.length);
  for (let index = 0; index < value.length; index++) {
    const element = copy(value[index]);
    if (element === undefined) return undefined;
    copied[index] = element;
  }
  return copied;
}

function stringsCopy(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  for (let index = 0; index < value.length; index++) if (typeof value[index] !== 'string') return undefined;
  return value.map(share);
}

function observableCopy(value: unknown): PlainObject | undefined {
  if (
    !isPlainObject(value) ||
    !isText(value.name) ||
    !isCount(value.type_id) ||
    !isOptionalString(value.type) ||
    typeof value.value !== 'string'
  ) {
    return undefined;
  }
  const observable: PlainObject = { ...value };
  observable.name = share(value.name);
  if (value.type !== undefined) observable.type = share(value.type);
  return observable;
}

function metadataCopy(value: unknown): PlainObject | undefined {
  if (
    !isPlainObject(value) ||
    !isOptionalString(value.version) ||
    !isOptionalString(value.uid) ||
    !isOptionalString(value.tenant_uid) ||
    !isOptionalString(value.original_time) ||
    !isOptionalInteger(value.logged_time)
  ) {
    return undefined;
  }
  const product = value.product;
  if (
    !isPlainObject(product) ||
    !isText(product.vendor_name) ||
    !isText(product.name) ||
    !isOptionalString(product.uid) ||
    !isOptionalString(product.version)
  ) {
    return undefined;
  }
  const copiedProduct: PlainObject = { ...product };
  copiedProduct.vendor_name = share(product.vendor_name);
  copiedProduct.name = share(product.name);
  const metadata: PlainObject = { ...value, product: copiedProduct };
  metadata.version = value.version === undefined ? '1.8.0' : share(value.version);
  if (value.labels !== undefined) {
    const labels = stringsCopy(value.labels);
    if (labels === undefined) return undefined;
    metadata.labels = labels;
  }
  return metadata;
}

function findingInfoCopy(value: unknown): PlainObject | undefined {
  if (
    !isPlainObject(value) ||
    !isText(value.uid) ||
    !isText(value.title) ||
    !isOptionalString(value.desc) ||
    !isOptionalInteger(value.created_time) ||
    !isOptionalInteger(value.first_seen_time) ||
    !isOptionalInteger(value.last_seen_time) ||
    !isOptionalString(value.src_url)
  ) {
    return undefined;
  }
  const findingInfo: PlainObject = { ...value };
  findingInfo.title = share(value.title);
  if (value.types !== undefined) {
    const types = stringsCopy(value.types);
    if (types === undefined) return undefined;
    findingInfo.types = types;
  }
  const analytic = value.analytic;
  if (analytic !== undefined) {
    if (
      !isPlainObject(analytic) ||
      !isOptionalString(analytic.uid) ||
      !isOptionalString(analytic.name) ||
      !(analytic.type_id === undefined || isCount(analytic.type_id)) ||
      !isOptionalString(analytic.type)
    ) {
      return undefined;
    }
    const copied: PlainObject = { ...analytic };
    if (analytic.type_id === undefined) copied.type_id = 0;
    if (analytic.name !== undefined) copied.name = share(analytic.name);
    if (analytic.type !== undefined) copied.type = share(analytic.type);
    findingInfo.analytic = copied;
  }
  return findingInfo;
}

function resourceCopy(value: unknown): PlainObject | undefined {
  if (
    !isPlainObject(value) ||
    !isOptionalString(value.uid) ||
    !isOptionalString(value.name) ||
    !isOptionalString(value.type) ||
    !isOptionalString(value.region) ||
    !isOptionalString(value.cloud_partition)
  ) {
    return undefined;
  }
  const resource: PlainObject = { ...value };
  if (value.type !== undefined) resource.type = share(value.type);
  if (value.region !== undefined) resource.region = share(value.region);
  return resource;
}

function attackCopy(value: unknown): PlainObject | undefined {
  if (!isPlainObject(value) || !isOptionalString(value.version)) return undefined;
  const attack: PlainObject = { ...value };
  for (const [member, pattern] of attackMembers) {
    const part = value[member];
    if (part === undefined) continue;
    if (
      !isPlainObject(part) ||
      typeof part.uid !== 'string' ||
      !pattern.test(part.uid) ||
      !isOptionalString(part.name)
    ) {
      return undefined;
    }
    const copied: PlainObject = { ...part };
    copied.uid = share(part.uid);
    if (part.name !== undefined) copied.name = share(part.name);
    attack[member] = copied;
  }
  return attack;
}

const attackMembers: readonly [string, RegExp][] = [
  ['tactic', attackTacticId],
  ['technique', attackTechniqueId],
  ['sub_technique', attackSubTechniqueId],
];
