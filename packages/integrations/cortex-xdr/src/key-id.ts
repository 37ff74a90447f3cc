import { RampartError } from '@rampart/core/connector';
import { type CortexXdrConnectorOptions, createCortexXdrConnector } from './generated/connector.js';

/** The header Cortex XDR reads the API key's ID from, beside the key itself in `Authorization`. */
export const keyIdHeader = 'x-xdr-auth-id';

/** The API key ID given to `createCortexXdrConnectorWithKeyId` is not the positive integer Cortex XDR issues. */
export class InvalidCortexXdrKeyIdError extends RampartError {
  override readonly name = 'InvalidCortexXdrKeyIdError' as const;

  constructor(readonly keyId: unknown) {
    super(
      `cortex-xdr: apiKeyId must be the numeric ID shown beside the API key (e.g. 12), got ${JSON.stringify(keyId)}`,
    );
  }

  static override isInstance(value: unknown): value is InvalidCortexXdrKeyIdError {
    return RampartError.isInstance(value) && value.name === 'InvalidCortexXdrKeyIdError';
  }
}

export interface CortexXdrKeyIdOptions extends CortexXdrConnectorOptions {
  /** The API key's ID (Settings > Configurations > API Keys, column ID). Not a secret. */
  apiKeyId: number | string;
}

/**
 * A Cortex XDR connector that sends the API key's ID in `x-xdr-auth-id` on every call. Cortex XDR authenticates a
 * Standard key by the pair (key, key ID); the kit's auth methods carry one secret each, and the ID is not secret,
 * so it travels as a fixed header instead.
 */
export function createCortexXdrConnectorWithKeyId(options: CortexXdrKeyIdOptions) {
  const { apiKeyId, ...connectorOptions } = options;
  const keyId = String(apiKeyId).trim();
  if (!/^[1-9][0-9]*$/.test(keyId)) throw new InvalidCortexXdrKeyIdError(apiKeyId);
  return createCortexXdrConnector({
    ...connectorOptions,
    headers: { ...connectorOptions.headers, [keyIdHeader]: keyId },
  });
}
