import { format, inspect } from 'node:util';
import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { auditLeafOf } from '../audit/audit-leaf.js';
import { ConnectorSecrets } from './connector-secrets.js';
import { SecretValue } from './secret-value.js';

const credential = 'sk-live-7f3a9c1e5b';

/** Every way a value commonly ends up in a log line, an error or a serialised payload. */
function renderings(value: unknown): string[] {
  const holder = { nested: { deeper: [value] } };
  return [
    String(value),
    `${value}`,
    `prefix ${value as string} suffix`,
    JSON.stringify(value),
    JSON.stringify(holder),
    inspect(value),
    inspect(holder, { depth: Number.POSITIVE_INFINITY, showHidden: true, getters: true }),
    format('%s %o %O %j', value, value, holder, holder),
    new Error(`failed with ${value as string}`).message,
    inspect(new Error('wrapped', { cause: holder }), { depth: Number.POSITIVE_INFINITY }),
    JSON.stringify(structuredClone(holder, {})),
    JSON.stringify({ ...(value as object) }),
    Object.keys(value as object).join(','),
    Object.getOwnPropertyNames(value as object).join(','),
    inspect(holder, { customInspect: false, showHidden: true, depth: Number.POSITIVE_INFINITY }),
    serialize(holder).toString('latin1'),
  ];
}

describe('SecretValue', () => {
  it('hands the credential out only through reveal()', () => {
    const secret = new SecretValue(credential);
    expect(secret.reveal()).toBe(credential);
    for (const rendering of renderings(secret)) expect(rendering).not.toContain(credential);
    expect(String(secret)).toBe('[REDACTED]');
    expect(JSON.stringify({ token: secret })).toBe('{"token":"[REDACTED]"}');
    expect(inspect({ token: secret })).toContain('SecretValue([REDACTED])');
  });

  it('is what hides it: the same renderings of a plain object leak every time', () => {
    // Serialisers and inspectors (not string coercion, which prints [object Object] for any object).
    const leaking = renderings({ token: credential }).filter((_, index) =>
      [3, 4, 5, 6, 7, 9, 10, 11, 14, 15].includes(index),
    );
    for (const rendering of leaking) expect(rendering).toContain(credential);
  });

  it('cannot be written into the audit log: the event is refused, and the error does not carry the value', () => {
    const event = {
      type: 'tool-called',
      at: 1_767_225_600_000,
      tenantId: 'acme',
      actor: { type: 'agent' as const, id: 'responder' },
      data: { tool: 'suspendUser', token: new SecretValue(credential) },
    };
    const error = (() => {
      try {
        auditLeafOf(event as never);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeDefined();
    expect(inspect(error, { depth: Number.POSITIVE_INFINITY })).not.toContain(credential);
  });

  it('is recognised by its marker', () => {
    expect(SecretValue.isInstance(new SecretValue('x'))).toBe(true);
    expect(SecretValue.isInstance({ reveal: () => 'x' })).toBe(false);
  });
});

describe('ConnectorSecrets', () => {
  const secrets = new ConnectorSecrets('acme', 'okta', { token: credential, domain: 'acme.okta.com' });

  it('shows whose secrets and which keys, never a value', () => {
    for (const rendering of renderings(secrets)) expect(rendering).not.toContain(credential);
    expect(JSON.parse(JSON.stringify(secrets))).toEqual({
      tenantId: 'acme',
      connectorId: 'okta',
      keys: ['domain', 'token'],
    });
    expect(inspect(secrets)).toBe('ConnectorSecrets(acme/okta: domain, token)');
  });

  it('reveals values on purpose, and names the missing key without any value', () => {
    expect(secrets.require('token').reveal()).toBe(credential);
    expect(secrets.reveal()).toEqual({ token: credential, domain: 'acme.okta.com' });
    expect(secrets.get('clientSecret')).toBeUndefined();
    expect(() => secrets.require('clientSecret')).toThrow(/tenant "acme", connector "okta": key "clientSecret"/);
  });
});
