import { canonicalJson } from '../../audit/canonical-json.js';
import { uuidV5 } from './uuid-v5.js';

/**
 * The namespace STIX 2.1 fixes for the deterministic ids of cyber-observable objects (§2.9 Identifier,
 * https://docs.oasis-open.org/cti/stix/v2.1/os/stix-v2.1-os.html#_64yvzeku5a5c). The spec reserves it for SCOs.
 */
export const stixObservableNamespace = '00abedb4-aa42-466c-9c01-fed23315a9b7';

/**
 * Rampart's own namespace for the ids of the domain objects it exports (indicators, sightings, identities ...).
 * STIX lets producers choose any RFC 4122 UUID for those; name-based ones make an export reproducible, so
 * exporting the same case twice gives the same objects. Fixed forever: changing it renames every exported object.
 */
export const rampartStixNamespace = '1c9ca9be-deed-4372-97cb-356cf064cf51';

/**
 * The id of a cyber-observable object: UUIDv5 in the STIX namespace over the RFC 8785 canonical JSON of its
 * ID-contributing properties (STIX 2.1 §2.9), e.g. `{ value: '203.0.113.7' }` for an `ipv4-addr`.
 */
export function observableId(type: string, contributing: Record<string, unknown>): string {
  return `${type}--${uuidV5(stixObservableNamespace, canonicalJson(contributing))}`;
}

/** The id of a domain or relationship object Rampart exports, named by the parts that make it unique. */
export function rampartObjectId(type: string, ...name: readonly string[]): string {
  return `${type}--${uuidV5(rampartStixNamespace, canonicalJson([type, ...name]))}`;
}
