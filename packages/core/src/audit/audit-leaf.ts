import { parseOrThrow } from '../validation.js';
import { AuditEvent } from './audit-event.js';
import { canonicalJson } from './canonical-json.js';
import { hashLeaf, sha256 } from './merkle.js';

/** What an audit event becomes in the log: its canonical JSON and the RFC 6962 hash of that text's UTF-8 bytes. */
export interface AuditLeaf {
  canonical: string;
  /** Lower-case hex. */
  leafHash: string;
}

/**
 * Validates `event` as an `AuditEvent` and returns its leaf: the RFC 8785 canonical JSON of the parsed event
 * (unknown keys dropped, as the schema strips them) and its leaf hash. An offline verifier holding an event
 * computes the leaf hash an inclusion proof is checked against with this.
 */
export function auditLeafOf(event: AuditEvent, subject = 'AuditEvent'): AuditLeaf {
  const canonical = canonicalAuditEvent(event, subject);
  return { canonical, leafHash: hashLeaf(Buffer.from(canonical, 'utf8')).toString('hex') };
}

/** The RFC 8785 canonical JSON of a validated `AuditEvent`. Throws `ValidationError` or `CanonicalJsonError`. */
export function canonicalAuditEvent(event: AuditEvent, subject = 'AuditEvent'): string {
  const parsed: Record<string, unknown> = parseOrThrow(AuditEvent, event, subject);
  // An optional field given as `undefined` is absent in JSON; canonical JSON would otherwise reject it.
  for (const key of Object.keys(parsed)) if (parsed[key] === undefined) delete parsed[key];
  return canonicalJson(parsed);
}

const positionPrefix = Buffer.from([0x02]);

/**
 * SHA-256(0x02 ‖ uint64 big-endian index ‖ leaf hash), stored beside each leaf. The Merkle tree proves order
 * only as a whole; this ties each stored row to its index, so a verifier can name the first moved leaf. The
 * 0x02 prefix keeps it apart from leaf (0x00) and node (0x01) hashes.
 */
export function positionHash(index: number, leafHash: Buffer): Buffer {
  const indexBytes = Buffer.alloc(8);
  indexBytes.writeBigUInt64BE(BigInt(index));
  return sha256(Buffer.concat([positionPrefix, indexBytes, leafHash], 41));
}
