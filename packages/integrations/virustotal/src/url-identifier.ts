import { refang } from '@rampart/core/connector';

/**
 * VirusTotal's identifier of a URL that the caller computes: the URL as unpadded base64url (RFC 4648 section 3.2).
 * VirusTotal canonicalises the URL server-side, so no normalisation happens here beyond trimming and refanging
 * (`hxxps://evil[.]test` is how analysts paste indicators).
 */
export function virusTotalUrlId(url: string): string {
  return Buffer.from(refang(url.trim()), 'utf8').toString('base64url');
}
