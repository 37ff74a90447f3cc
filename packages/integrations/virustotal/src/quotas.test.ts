import { describe, expect, it } from 'vitest';
import { virustotalConnector } from './generated/connector.js';
import { virustotalConnectorWithQuotas } from './quotas.js';

describe('quotas', () => {
  it('holds a public key to 4 calls a minute (one per 15 s) and 500 a day', () => {
    expect(
      virustotalConnector.quotas.map(({ id, limit, windowMs, scope }) => ({ id, limit, windowMs, scope })),
    ).toEqual([
      { id: 'public-per-minute', limit: 1, windowMs: 15_000, scope: 'credential' },
      { id: 'public-per-day', limit: 500, windowMs: 86_400_000, scope: 'credential' },
    ]);
  });

  it('replaces them with a premium key allowance, keeping every tool', () => {
    const premium = virustotalConnectorWithQuotas({ perMinute: 1000, perDay: 50_000 });
    expect(premium.quotas.map(({ id, limit }) => [id, limit])).toEqual([
      ['premium-per-minute', 1000],
      ['premium-per-day', 50_000],
    ]);
    expect(premium.quotas.every((quota) => quota.appliesTo === 'all' && quota.source.startsWith('https://'))).toBe(
      true,
    );
    expect(Object.keys(premium.operations)).toEqual(Object.keys(virustotalConnector.operations));
  });
});
