import { createHash } from 'node:crypto';
import { type Alert, alertTitle, alertUid } from '../alerts/alert.js';

/** Decides which alerts are "the same alert" for de-duplication. */
export type AlertFingerprint = (alert: Alert, entityKeys: readonly string[]) => string;

const separator = '\u001f';

function digest(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/** Identities up to this length are kept as they are: readable, and cheaper than hashing every alert. */
const maxPlainLength = 160;

/** The last product seen and its prefix: a batch usually comes from one product, so this spares two lower-casings. */
let lastProduct = { vendor: '', name: '', prefix: '' };

function productPrefix(product: { vendor_name: string; name: string }): string {
  if (product.vendor_name !== lastProduct.vendor || product.name !== lastProduct.name) {
    lastProduct = {
      vendor: product.vendor_name,
      name: product.name,
      prefix: `uid${separator}${product.vendor_name.toLowerCase()}${separator}${product.name.toLowerCase()}${separator}`,
    };
  }
  return lastProduct.prefix;
}

/**
 * The default identity of an alert: its vendor and product plus the vendor's own id — `metadata.uid` (the
 * event id) when the normalizer sets one, else `finding_info.uid`. A normalizer that wants every update of
 * one finding to count as a duplicate sets `metadata.uid` to the finding id. Without either id, falls back
 * to `contentFingerprint`.
 */
export function alertFingerprint(alert: Alert, entityKeys: readonly string[]): string {
  const uid = alertUid(alert);
  if (!uid) return contentFingerprint(alert, entityKeys);
  // Joined into one flat string rather than concatenated (a rope): see `entityKey`.
  const identity = [productPrefix(alert.metadata.product), uid].join('');
  return identity.length <= maxPlainLength ? identity : `sha256:${digest(identity)}`;
}

/**
 * An identity from what the alert says rather than what it is called: class, title, canonical entities and
 * the time bucket it falls in. For vendors that mint a new id on every delivery of the same detection.
 */
export function contentFingerprint(alert: Alert, entityKeys: readonly string[], bucketMs = 3_600_000): string {
  const product = alert.metadata.product;
  return `sha256:${digest(
    [
      'content',
      product.vendor_name.toLowerCase(),
      product.name.toLowerCase(),
      String(alert.class_uid),
      alertTitle(alert),
      [...entityKeys].sort().join(','),
      String(Math.floor(alert.time / bucketMs)),
    ].join(separator),
  )}`;
}
