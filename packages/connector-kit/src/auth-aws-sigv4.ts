import { Sha256 } from '@aws-crypto/sha256-js';
import type { Clock } from '@rampart/core';
import { SignatureV4 } from '@smithy/signature-v4';
import type { OutgoingRequest } from './auth.js';
import type { AwsIdentity, AwsSigV4Credentials } from './definition.js';
import type { Redactor } from './redaction.js';

/** Identities from a provider are reused until five minutes before they expire. */
const identityRefreshMs = 5 * 60_000;

/** AWS Signature Version 4 with `@smithy/signature-v4`, signing every attempt afresh (the date is signed). */
export class AwsSigV4Authenticator {
  private readonly signer: SignatureV4;
  private cachedIdentity: AwsIdentity | undefined;

  constructor(
    private readonly options: {
      service: string;
      region: string;
      credentials: AwsSigV4Credentials;
      clock: Clock;
      redactor: Redactor;
      /** `x-amz-content-sha256`; on by default (S3 requires it, other services ignore it). */
      applyChecksum?: boolean;
    },
  ) {
    this.signer = new SignatureV4({
      service: options.service,
      region: options.region,
      sha256: Sha256,
      applyChecksum: options.applyChecksum ?? true,
      credentials: () => this.identity(),
    });
  }

  private async identity(): Promise<AwsIdentity> {
    const { credentials, clock, redactor } = this.options;
    if (credentials.provider === undefined) return credentials;
    const cached = this.cachedIdentity;
    if (
      cached !== undefined &&
      (cached.expiration === undefined || cached.expiration.getTime() - identityRefreshMs > clock.now())
    ) {
      return cached;
    }
    const identity = await credentials.provider();
    redactor.addSecret(identity.secretAccessKey);
    redactor.addSecret(identity.sessionToken);
    this.cachedIdentity = identity;
    return identity;
  }

  async sign(request: OutgoingRequest): Promise<void> {
    const { url } = request;
    const query: Record<string, string | string[]> = {};
    for (const [key, value] of url.searchParams) {
      const existing = query[key];
      if (existing === undefined) query[key] = value;
      else query[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
    }
    const signed = await this.signer.sign(
      {
        method: request.method,
        protocol: url.protocol,
        hostname: url.hostname,
        ...(url.port !== '' ? { port: Number(url.port) } : {}),
        path: url.pathname,
        query,
        headers: { ...request.headers, host: url.host },
        ...(request.body !== undefined ? { body: request.body } : {}),
      },
      { signingDate: new Date(this.options.clock.now()) },
    );
    for (const [name, value] of Object.entries(signed.headers)) {
      // The transport derives Host from the URL; fetch refuses to set it by hand.
      if (name.toLowerCase() === 'host') continue;
      request.headers[name.toLowerCase()] = value;
    }
  }
}
