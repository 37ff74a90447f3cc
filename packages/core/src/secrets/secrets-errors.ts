import { RampartError } from '../errors.js';

/*
 * Every message here names the tenant, connector, key, variable or file concerned, and never a value: these
 * errors are logged, shown and sent to timelines, and a credential must not travel with them.
 */

/** No credentials are configured for this tenant and connector (or key). */
export class SecretsNotFoundError extends RampartError {
  override readonly name = 'SecretsNotFoundError';
  constructor(
    readonly tenantId: string,
    readonly connectorId: string,
    detail: string,
  ) {
    super(`No secrets for tenant "${tenantId}", connector "${connectorId}": ${detail}`);
  }
  static override isInstance(value: unknown): value is SecretsNotFoundError {
    return RampartError.isInstance(value) && value.name === 'SecretsNotFoundError';
  }
}

/**
 * A provider answered for another tenant or connector than the one asked for (a copied secrets file, a vault
 * path mix-up, a bug in a custom provider). Refused: credentials never cross tenants.
 */
export class SecretsTenantMismatchError extends RampartError {
  override readonly name = 'SecretsTenantMismatchError';
  constructor(
    readonly requested: { tenantId: string; connectorId: string },
    readonly received: { tenantId: string; connectorId: string },
  ) {
    super(
      `Asked for the secrets of tenant "${requested.tenantId}", connector "${requested.connectorId}", but the provider returned those of tenant "${received.tenantId}", connector "${received.connectorId}"`,
    );
  }
  static override isInstance(value: unknown): value is SecretsTenantMismatchError {
    return RampartError.isInstance(value) && value.name === 'SecretsTenantMismatchError';
  }
}

/** A secrets source that is unsafe or unreadable: file permissions, ownership, a symbolic link, bad content. */
export class SecretsSourceError extends RampartError {
  override readonly name = 'SecretsSourceError';
  constructor(
    /** The file or variable concerned. */
    readonly source: string,
    message: string,
  ) {
    super(`${source}: ${message}`);
  }
  static override isInstance(value: unknown): value is SecretsSourceError {
    return RampartError.isInstance(value) && value.name === 'SecretsSourceError';
  }
}

/** A provider set up so that two tenants could read the same credentials, or an id it cannot name safely. */
export class SecretsConfigurationError extends RampartError {
  override readonly name = 'SecretsConfigurationError';
  static override isInstance(value: unknown): value is SecretsConfigurationError {
    return RampartError.isInstance(value) && value.name === 'SecretsConfigurationError';
  }
}
