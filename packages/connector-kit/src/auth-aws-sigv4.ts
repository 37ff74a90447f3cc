import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import type { Clock } from '@rampart/core/connector';
import type { SignatureV4 } from '@smithy/signature-v4';
import type { OutgoingRequest } from './auth.js';
import type { AwsIdentity, AwsSigV4Credentials } from './definition.js';
import { ConnectorConfigurationError } from './errors.js';
import type { Redactor } from './redaction.js';

/** Identities from a provider are reused until five minutes before they expire. */
const identityRefreshMs = 5 * 60_000;

/**
 * The SHA-256 checksum `@smithy/signature-v4` asks for, on `node:crypto` (an HMAC when given a secret), so the
 * signer needs no JavaScript hash package beside it.
 */
class NodeSha256 {
  private readonly hash: Hash | Hmac;

  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash =
      secret === undefined
        ? createHash('sha256')
        : createHmac('sha256', typeof secret === 'string' ? secret : toBuffer(secret));
  }

  update(data: string | ArrayBuffer | ArrayBufferView): void {
    if (typeof data === 'string') this.hash.update(data, 'utf8');
    else this.hash.update(toBuffer(data));
  }

  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }

  reset(): void {
    throw new Error('NodeSha256 is single-use; the signer creates one per hash');
  }
}

function toBuffer(data: ArrayBuffer | ArrayBufferView): Buffer {
  return ArrayBuffer.isView(data)
    ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
    : Buffer.from(new Uint8Array(data));
}

/**
 * `@smithy/signature-v4` (the AWS SDK's own signer) is an optional peer dependency: AWS connectors depend on it, every
 * other connector neither installs nor imports it. Loaded once, on the first request signed.
 */
let signerModule: Promise<typeof import('@smithy/signature-v4')> | undefined;

function loadSignerModule(): Promise<typeof import('@smithy/signature-v4')> {
  signerModule ??= import('@smithy/signature-v4').catch((cause: unknown) => {
    signerModule = undefined;
    throw new ConnectorConfigurationError(
      'AWS SigV4 auth needs the package @smithy/signature-v4 (install it beside @rampart/connector-kit)',
      { cause },
    );
  });
  return signerModule;
}

/** AWS Signature Version 4 with `@smithy/signature-v4`, signing every attempt afresh (the date is signed). */
export class AwsSigV4Authenticator {
  private signer: SignatureV4 | undefined;
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
  ) {}

  private async signerInstance(): Promise<SignatureV4> {
    if (this.signer !== undefined) return this.signer;
    const { SignatureV4 } = await loadSignerModule();
    this.signer ??= new SignatureV4({
      service: this.options.service,
      region: this.options.region,
      sha256: NodeSha256,
      applyChecksum: this.options.applyChecksum ?? true,
      credentials: () => this.identity(),
    });
    return this.signer;
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

  /** Adds `x-amz-date`, `x-amz-security-token`, `x-amz-content-sha256` and `authorization` to `request`. */
  async sign(request: OutgoingRequest): Promise<void> {
    const signer = await this.signerInstance();
    const { url } = request;
    const query: Record<string, string | string[]> = {};
    for (const [key, value] of url.searchParams) {
      const existing = query[key];
      if (existing === undefined) query[key] = value;
      else query[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
    }
    const signed = await signer.sign(
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
