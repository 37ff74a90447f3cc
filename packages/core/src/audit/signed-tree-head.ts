import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import { z } from 'zod';
import { ValidationError } from '../errors.js';
import { sha256 } from './merkle.js';

const hexHash = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits');

/** A tree head signed by the log's Ed25519 key: anyone with the public key can check it offline. */
export const SignedTreeHead = z.object({
  treeSize: z.number().int().nonnegative(),
  /** Lower-case hex MTH of the first `treeSize` leaves. */
  rootHash: hexHash,
  /** Epoch milliseconds, from the log's `Clock`. */
  timestamp: z.number().int().nonnegative(),
  /** Base64 Ed25519 signature over `treeHeadSigningInput(head)`. */
  signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'must be a base64 Ed25519 signature'),
  /** Lower-case hex SHA-256 of the signer's public key (SubjectPublicKeyInfo DER), as RFC 6962 log ids are. */
  keyId: hexHash,
});
export type SignedTreeHead = z.infer<typeof SignedTreeHead>;

/** A private key as a `KeyObject` or PKCS#8 PEM text; a public key as a `KeyObject` or SPKI PEM text. */
export type KeyInput = KeyObject | string;

/**
 * The bytes a tree head signature covers: the `TreeHeadSignature` structure of RFC 6962 §3.5 —
 * version v1 (0), signature type tree_hash (1), uint64 timestamp, uint64 tree_size, the 32-byte root —
 * big-endian, 50 bytes. A fixed binary layout leaves nothing to canonicalise.
 */
export function treeHeadSigningInput(head: Pick<SignedTreeHead, 'treeSize' | 'rootHash' | 'timestamp'>): Buffer {
  const bytes = Buffer.alloc(50);
  bytes[0] = 0;
  bytes[1] = 1;
  bytes.writeBigUInt64BE(BigInt(head.timestamp), 2);
  bytes.writeBigUInt64BE(BigInt(head.treeSize), 10);
  Buffer.from(head.rootHash, 'hex').copy(bytes, 18);
  return bytes;
}

/** A new Ed25519 private key, for logs that are not given one. */
export function generateSigningKey(): KeyObject {
  return generateKeyPairSync('ed25519').privateKey;
}

/** Loads an Ed25519 private key, or throws a `ValidationError` if it is not one. */
export function toSigningKey(key: KeyInput): KeyObject {
  let keyObject: KeyObject;
  try {
    keyObject = typeof key === 'string' ? createPrivateKey(key) : key;
  } catch (error) {
    throw invalidKey('signing key', 'is not a PEM private key', error);
  }
  if (keyObject.type !== 'private' || keyObject.asymmetricKeyType !== 'ed25519') {
    throw invalidKey('signing key', 'must be an Ed25519 private key');
  }
  return keyObject;
}

/** Loads an Ed25519 public key (a private key gives its public half), or throws a `ValidationError`. */
export function toVerificationKey(key: KeyInput): KeyObject {
  let keyObject: KeyObject;
  try {
    keyObject = typeof key === 'string' ? createPublicKey(key) : key.type === 'private' ? createPublicKey(key) : key;
  } catch (error) {
    throw invalidKey('public key', 'is not a PEM public key', error);
  }
  if (keyObject.asymmetricKeyType !== 'ed25519') throw invalidKey('public key', 'must be an Ed25519 key');
  return keyObject;
}

/** SPKI PEM text of the public half of `key`, for offline verifiers. */
export function publicKeyPem(key: KeyInput): string {
  return toVerificationKey(key).export({ type: 'spki', format: 'pem' }).toString();
}

/** Lower-case hex SHA-256 of the public key's SubjectPublicKeyInfo DER. */
export function keyIdOf(key: KeyInput): string {
  return sha256(toVerificationKey(key).export({ type: 'spki', format: 'der' })).toString('hex');
}

/** Signs a tree head with an Ed25519 private key. */
export function signTreeHead(
  head: Pick<SignedTreeHead, 'treeSize' | 'rootHash' | 'timestamp'>,
  privateKey: KeyInput,
): SignedTreeHead {
  const key = toSigningKey(privateKey);
  const unsigned = { treeSize: head.treeSize, rootHash: head.rootHash, timestamp: head.timestamp };
  const signature = sign(null, treeHeadSigningInput(unsigned), key).toString('base64');
  return SignedTreeHead.parse({ ...unsigned, signature, keyId: keyIdOf(key) });
}

/**
 * True when `head` is well formed, names the key's id and carries a valid Ed25519 signature by it. A malformed
 * head gives `false`; a key that is not Ed25519 throws, since that is the caller's mistake, not the log's.
 */
export function verifySignedTreeHead(head: SignedTreeHead, publicKey: KeyInput): boolean {
  const key = toVerificationKey(publicKey);
  const parsed = SignedTreeHead.safeParse(head);
  if (!parsed.success) return false;
  if (parsed.data.keyId !== keyIdOf(key)) return false;
  return verify(null, treeHeadSigningInput(parsed.data), key, Buffer.from(parsed.data.signature, 'base64'));
}

function invalidKey(subject: string, message: string, cause?: unknown): ValidationError {
  return new ValidationError(subject, [{ path: '', message, code: 'invalid_key' }], { cause });
}
