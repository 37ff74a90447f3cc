import type { SocStores } from '@rampart/agents';
import { describe, expect, it } from 'vitest';
import { TenantIsolationError } from './errors.js';
import { guardTenantStores } from './tenant-guard.js';

/** A store that answers whatever it is asked with the records it holds, ignoring the tenant: a query bug. */
function forgetfulStores(records: { tenantId: string; id: string }[]): SocStores {
  const find = async (_tenantId: string, id: string) => records.find((record) => record.id === id) ?? null;
  return {
    cases: {
      getCase: find,
      listCases: async () => ({ cases: records, nextCursor: null }),
      applyChanges: async () => {},
    },
    runs: { getRun: async (id: string) => records.find((record) => record.id === id) ?? null },
    audit: {},
  } as unknown as SocStores;
}

describe('guardTenantStores', () => {
  const records = [
    { tenantId: 'acme', id: 'case-a' },
    { tenantId: 'globex', id: 'case-g' },
  ];

  it('passes a tenant its own records', async () => {
    const crossings: TenantIsolationError[] = [];
    const guarded = guardTenantStores('acme', forgetfulStores(records), (error) => crossings.push(error));
    await expect(guarded.cases.getCase('acme', 'case-a')).resolves.toEqual(records[0]);
    await expect(guarded.cases.applyChanges({ tenantId: 'acme' })).resolves.toBeUndefined();
    expect(crossings).toEqual([]);
  });

  it('refuses a call naming another tenant before it reaches the store, and a record of another tenant coming back', async () => {
    const crossings: TenantIsolationError[] = [];
    const guarded = guardTenantStores('acme', forgetfulStores(records), (error) => crossings.push(error));
    await expect(guarded.cases.getCase('globex', 'case-g')).rejects.toThrow(TenantIsolationError);
    await expect(guarded.cases.applyChanges({ tenantId: 'globex' })).rejects.toThrow(TenantIsolationError);
    // The store's query forgot the tenant: what it returns is checked.
    await expect(guarded.cases.getCase('acme', 'case-g')).rejects.toThrow(
      /tenant "acme" called cases.getCase for tenant "globex"/,
    );
    await expect(guarded.cases.listCases('acme')).rejects.toThrow(TenantIsolationError);
    await expect(guarded.runs.getRun('case-g')).rejects.toThrow(TenantIsolationError);
    expect(crossings.map((error) => `${error.operation} ${error.touchedTenantId}`)).toEqual([
      'cases.getCase globex',
      'cases.applyChanges globex',
      'cases.getCase globex',
      'cases.listCases globex',
      'runs.getRun globex',
    ]);
  });
});
