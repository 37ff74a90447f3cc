import type { AuditStore, CaseStore, RunStore } from '@rampart/core';
import type { SocStores } from '@rampart/agents';
import { TenantIsolationError } from './errors.js';

/** Called for every refused crossing, before the error is thrown, so a host can count and alert on them. */
export type IsolationViolationHandler = (error: TenantIsolationError) => void;

function tenantOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const tenantId = (value as { tenantId?: unknown }).tenantId;
  return typeof tenantId === 'string' ? tenantId : undefined;
}

/**
 * Wraps a store so every call names the job's tenant and every record it returns belongs to that tenant. A
 * call naming another tenant is refused before it reaches the store; a record of another tenant coming back (a
 * store whose query forgot the tenant) is refused before the caller sees it.
 */
function guard<T extends object>(
  tenantId: string,
  store: T,
  storeName: string,
  argumentTenant: (method: string, args: readonly unknown[]) => string | undefined,
  onViolation: IsolationViolationHandler,
): T {
  const refuse = (touched: string, operation: string): never => {
    const error = new TenantIsolationError(tenantId, touched, operation);
    onViolation(error);
    throw error;
  };
  const checkResult = (result: unknown, operation: string): unknown => {
    // A record, a list of records, or a page holding lists of them (`{ cases, nextCursor }`).
    const records = Array.isArray(result)
      ? result
      : typeof result === 'object' && result !== null && tenantOf(result) === undefined
        ? Object.values(result).flatMap((value) => (Array.isArray(value) ? value : []))
        : [result];
    for (const record of records) {
      const owner = tenantOf(record);
      if (owner !== undefined && owner !== tenantId) refuse(owner, operation);
    }
    return result;
  };
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      // Every store method is asynchronous: a refusal is a rejected promise, like any other store failure.
      return async (...args: unknown[]) => {
        const operation = `${storeName}.${property}`;
        const named = argumentTenant(property, args);
        if (named !== undefined && named !== tenantId) refuse(named, operation);
        return checkResult(await value.apply(target, args), operation);
      };
    },
  });
}

/** Case store calls name the tenant first, except `applyChanges`, whose change set carries it. */
const caseStoreTenant = (method: string, args: readonly unknown[]) =>
  method === 'applyChanges' ? tenantOf(args[0]) : typeof args[0] === 'string' ? args[0] : undefined;

/** Run store calls name it first, or carry it in the state or action they write; `getRun` is checked on return. */
const runStoreTenant = (method: string, args: readonly unknown[]) => {
  if (method === 'getRun' || method === 'findRunByApproval') return undefined;
  return typeof args[0] === 'string' ? args[0] : tenantOf(args[0]);
};

/**
 * One tenant's stores as a job of that tenant may use them. The audit store holds no tenant in its records: it
 * must be the tenant's own log, which `TenantEnvironment.tenantId` vouches for.
 */
export function guardTenantStores(
  tenantId: string,
  stores: SocStores,
  onViolation: IsolationViolationHandler = () => {},
): SocStores {
  return {
    cases: guard<CaseStore>(tenantId, stores.cases, 'cases', caseStoreTenant, onViolation),
    runs: guard<RunStore>(tenantId, stores.runs, 'runs', runStoreTenant, onViolation),
    audit: stores.audit satisfies AuditStore,
  };
}
