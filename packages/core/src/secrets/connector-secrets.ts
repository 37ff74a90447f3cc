import { SecretValue } from './secret-value.js';
import { SecretsNotFoundError } from './secrets-errors.js';

/**
 * The credentials of one connector for one tenant, by key (`token`, `clientId`, `clientSecret`, `domain` ...),
 * each a `SecretValue`. Serialising or inspecting it shows whose secrets these are and which keys exist, never a
 * value.
 */
const marker = Symbol.for('rampart.connector-secrets');

export class ConnectorSecrets {
  readonly [marker] = true;
  readonly #values: ReadonlyMap<string, SecretValue>;

  constructor(
    readonly tenantId: string,
    readonly connectorId: string,
    values: Readonly<Record<string, string | SecretValue>>,
  ) {
    this.#values = new Map(
      Object.entries(values).map(([key, value]) => [
        key,
        SecretValue.isInstance(value) ? value : new SecretValue(value),
      ]),
    );
  }

  /** The keys present, sorted. */
  keys(): string[] {
    return [...this.#values.keys()].sort();
  }

  get(key: string): SecretValue | undefined {
    return this.#values.get(key);
  }

  /** The value of `key`, or a `SecretsNotFoundError` naming the tenant, connector and key. */
  require(key: string): SecretValue {
    const value = this.#values.get(key);
    if (value === undefined) throw new SecretsNotFoundError(this.tenantId, this.connectorId, `key "${key}" is not set`);
    return value;
  }

  /** Every value in clear, for the one call that hands them to the connector's client. */
  reveal(): Record<string, string> {
    return Object.fromEntries([...this.#values].map(([key, value]) => [key, value.reveal()]));
  }

  toJSON(): { tenantId: string; connectorId: string; keys: string[] } {
    return { tenantId: this.tenantId, connectorId: this.connectorId, keys: this.keys() };
  }

  toString(): string {
    return `ConnectorSecrets(${this.tenantId}/${this.connectorId}: ${this.keys().join(', ')})`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }

  /** Recognises connector secrets across duplicated package versions, where `instanceof` would fail. */
  static isInstance(value: unknown): value is ConnectorSecrets {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}
