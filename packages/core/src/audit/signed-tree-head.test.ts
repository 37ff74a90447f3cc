import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import { EMPTY_TREE_ROOT } from './merkle.js';
import {
  generateSigningKey,
  keyIdOf,
  publicKeyPem,
  SignedTreeHead,
  signTreeHead,
  toSigningKey,
  treeHeadSigningInput,
  verifySignedTreeHead,
} from './signed-tree-head.js';

const rootHash = 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7';

describe('signed tree heads', () => {
  it('signs the RFC 6962 TreeHeadSignature layout: version, type, timestamp, size, root', () => {
    const bytes = treeHeadSigningInput({ treeSize: 4, rootHash, timestamp: 1_767_225_600_000 });
    expect(bytes.toString('hex')).toBe(
      `0001${(1_767_225_600_000).toString(16).padStart(16, '0')}${'4'.padStart(16, '0')}${rootHash}`,
    );
  });

  it('verifies with the public key alone, as PEM or KeyObject', () => {
    const key = generateSigningKey();
    const head = signTreeHead({ treeSize: 4, rootHash, timestamp: 1000 }, key);
    expect(SignedTreeHead.parse(head)).toEqual(head);
    expect(head.keyId).toBe(keyIdOf(key));
    expect(verifySignedTreeHead(head, publicKeyPem(key))).toBe(true);
    expect(verifySignedTreeHead(head, key)).toBe(true);
    expect(verifySignedTreeHead(JSON.parse(JSON.stringify(head)), publicKeyPem(key))).toBe(true);
  });

  it('is deterministic: Ed25519 signs the same head the same way', () => {
    const key = generateSigningKey();
    const head = { treeSize: 0, rootHash: EMPTY_TREE_ROOT, timestamp: 5 };
    expect(signTreeHead(head, key)).toEqual(signTreeHead(head, key));
  });

  it.each<[string, (head: SignedTreeHead) => SignedTreeHead]>([
    ['tree size', (head) => ({ ...head, treeSize: head.treeSize + 1 })],
    ['root', (head) => ({ ...head, rootHash: EMPTY_TREE_ROOT })],
    ['timestamp', (head) => ({ ...head, timestamp: head.timestamp + 1 })],
    ['signature', (head) => ({ ...head, signature: Buffer.alloc(64, 1).toString('base64') })],
    ['key id', (head) => ({ ...head, keyId: EMPTY_TREE_ROOT })],
    ['shape', (head) => ({ ...head, signature: 'not base64' })],
  ])('fails when the %s changes', (_field, change) => {
    const key = generateSigningKey();
    const head = signTreeHead({ treeSize: 4, rootHash, timestamp: 1000 }, key);
    expect(verifySignedTreeHead(change(head), key)).toBe(false);
  });

  it('fails with another key', () => {
    const head = signTreeHead({ treeSize: 4, rootHash, timestamp: 1000 }, generateSigningKey());
    expect(verifySignedTreeHead(head, generateSigningKey())).toBe(false);
  });

  it('refuses keys that are not Ed25519 with a ValidationError', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    expect(() => toSigningKey(rsa)).toThrow(ValidationError);
    expect(() => toSigningKey('not a key')).toThrow(ValidationError);
    expect(() => toSigningKey(generateSigningKey().export({ type: 'pkcs8', format: 'pem' }).toString())).not.toThrow();
  });
});
