const redacted = '[REDACTED]';
const marker = Symbol.for('rampart.secret-value');

/**
 * A credential that cannot leak by accident: `String()`, template literals, `JSON.stringify`, `util.inspect`
 * (hence `console.log`) and structured clones all see `[REDACTED]` or nothing. The value is a private field, so
 * no property enumeration finds it either. Only `reveal()`, called where the credential is handed to the
 * vendor's client, returns it.
 */
export class SecretValue {
  readonly [marker] = true;
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The credential itself. Call it at the last moment, never to log or compare for display. */
  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return redacted;
  }

  toJSON(): string {
    return redacted;
  }

  [Symbol.toPrimitive](): string {
    return redacted;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `SecretValue(${redacted})`;
  }

  /** Recognises secret values across duplicated package versions, where `instanceof` would fail. */
  static isInstance(value: unknown): value is SecretValue {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}
