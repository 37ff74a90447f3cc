import { createHash } from 'node:crypto';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A name-based UUID, version 5 (SHA-1), per RFC 9562 §5.5 (https://www.rfc-editor.org/rfc/rfc9562#section-5.5):
 * the SHA-1 of the namespace's 16 bytes followed by the name's UTF-8 bytes, truncated to 16 bytes, with the version
 * and variant bits set. The same namespace and name always give the same UUID.
 */
export function uuidV5(namespace: string, name: string): string {
  if (!uuidPattern.test(namespace)) throw new TypeError(`uuidV5: namespace "${namespace}" is not a lower-case UUID`);
  const digest = createHash('sha1')
    .update(Buffer.from(namespace.replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  digest[6] = (digest[6]! & 0x0f) | 0x50;
  digest[8] = (digest[8]! & 0x3f) | 0x80;
  const hex = digest.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
