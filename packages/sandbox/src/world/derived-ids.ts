import { createHash } from 'node:crypto';

/** Vendor-style identifiers derived from a name: the same name gives the same id on every run. */
function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `00u` + 17 base-62 characters, the shape of an Okta user id. */
export function oktaUserId(email: string): string {
  const bytes = digest(`okta-user:${email}`);
  return `00u${Array.from(bytes.subarray(0, 17), (byte) => base62[byte % 62]).join('')}`;
}

/** `<prefix>` + 17 base-62 characters, like Okta's factor (`mbl`, `opf` …) and session ids. */
export function oktaStyleId(prefix: string, seed: string): string {
  const bytes = digest(`okta:${prefix}:${seed}`);
  return `${prefix}${Array.from(bytes.subarray(0, 17), (byte) => base62[byte % 62]).join('')}`;
}

/** A GUID, as Entra object ids are. */
export function guid(seed: string): string {
  const hex = digest(`guid:${seed}`).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** `length` lower-case hex characters. */
export function hexId(seed: string, length: number): string {
  let out = '';
  for (let round = 0; out.length < length; round++) out += digest(`${seed}:${round}`).toString('hex');
  return out.slice(0, length);
}
