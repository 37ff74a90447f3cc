import { join } from 'node:path';
import type { SocStores } from '@rampart/agents';
import {
  abuseipdbVendor,
  type AnyVendorBinding,
  type BoundVendor,
  bindVendor,
  createSandbox,
  crowdstrikeFalconVendor,
  governanceOf,
  jiraCloudVendor,
  oktaVendor,
  pagerdutyVendor,
  type Sandbox,
  slackVendor,
  type VendorResponder,
  virustotalVendor,
} from '@rampart/sandbox';
import { silentLogger } from '@rampart/connector-kit';
import { sqliteStores } from '@rampart/store-sqlite';
import type { TenantEnvironment, TenantEnvironmentFactory } from '../tenant-environment.js';
import type { Fleet } from './fleet.js';

/** One containment request as the simulated Falcon received it, before it acted. */
export interface ContainmentCall {
  /** Falcon device ids the request names. */
  deviceIds: string[];
  action: string;
}

export interface SandboxTenantsOptions {
  fleet: Fleet;
  /**
   * Each tenant's stores. Default: one SQLite file per tenant under `directory`, so a tenant's cases, runs and
   * audit log live apart from every other tenant's.
   */
  stores?: (tenantId: string) => SocStores & { close?(): void | Promise<void> };
  directory?: string;
  /**
   * Called synchronously before the simulated Falcon contains a host: a test writes it down where a `kill -9`
   * cannot lose it, then counts containments per host across every worker process.
   */
  onContainment?: (call: ContainmentCall) => void;
  /**
   * The tenant's own credentials for a connector (e.g. from its `SecretsProvider`), laid over the simulated
   * vendor's: each tenant's connectors then hold that tenant's secrets and no other's.
   */
  credentials?: (tenantId: string, connectorId: string) => Promise<Record<string, string>> | Record<string, string>;
}

export interface SandboxTenants {
  sandbox: Sandbox;
  tenants: TenantEnvironmentFactory;
  close(): Promise<void>;
}

const vendors: readonly AnyVendorBinding[] = [
  crowdstrikeFalconVendor,
  oktaVendor,
  virustotalVendor,
  abuseipdbVendor,
  jiraCloudVendor,
  slackVendor,
  pagerdutyVendor,
];

function recordingFalcon(onContainment: (call: ContainmentCall) => void): AnyVendorBinding {
  const responders = crowdstrikeFalconVendor.responders as Record<string, VendorResponder>;
  const contain = responders.setHostContainment!;
  return {
    ...crowdstrikeFalconVendor,
    responders: {
      ...responders,
      setHostContainment: (call) => {
        const ids = call.input.ids;
        onContainment({
          deviceIds: (Array.isArray(ids) ? ids : [ids]).map(String),
          action: String(call.input.action ?? ''),
        });
        return contain(call);
      },
    },
  };
}

/**
 * A worker process's tenants, simulated: one sandbox holds every fleet tenant's hosts (the vendors answer from
 * it), and each tenant gets its own stores and the sandbox's connectors bound to it.
 */
export function sandboxTenants(options: SandboxTenantsOptions): SandboxTenants {
  const bindings =
    options.onContainment === undefined
      ? vendors
      : vendors.map((binding) =>
          binding.id === crowdstrikeFalconVendor.id ? recordingFalcon(options.onContainment!) : binding,
        );
  const sandbox = createSandbox({ world: options.fleet.world, vendors: bindings, onUnhandledRequest: 'error' });
  const governance = governanceOf(sandbox.world);
  // The sandbox's msw server answers every tenant's calls from the one world; each tenant gets connectors of its
  // own, holding its own credentials, since a connector refuses calls for any tenant but the one it was made for.
  const bound = new Map<string, BoundVendor[]>();
  const connectorsOf = async (tenantId: string) => {
    let tenantVendors = bound.get(tenantId);
    if (tenantVendors === undefined) {
      const settings = {
        tenantId,
        clock: sandbox.clock,
        sleep: async (milliseconds: number, signal?: AbortSignal) => {
          signal?.throwIfAborted();
          await sandbox.network.travel(Math.max(0, milliseconds));
        },
        random: () => 0.5,
        logger: silentLogger,
        retry: { maxAttempts: 6, budgetMs: 15 * 60_000 },
      };
      const credentialed = await Promise.all(
        bindings.map(async (binding) =>
          options.credentials === undefined
            ? binding
            : {
                ...binding,
                credentials: { ...binding.credentials, ...(await options.credentials(tenantId, binding.id)) },
              },
        ),
      );
      tenantVendors = credentialed.map((binding) =>
        bindVendor(binding, { world: sandbox.world, network: sandbox.network, settings }),
      );
      bound.set(tenantId, tenantVendors);
    }
    return tenantVendors.map((vendor) => ({ id: vendor.binding.id, tools: vendor.tools, tenantId }));
  };
  const storesOf =
    options.stores ??
    ((tenantId: string) => {
      if (options.directory === undefined) throw new Error('sandboxTenants needs a directory or a stores factory');
      return sqliteStores(join(options.directory, `${tenantId}.db`));
    });
  return {
    sandbox,
    tenants: async (tenantId): Promise<TenantEnvironment> => {
      const connectors = await connectorsOf(tenantId);
      const stores = storesOf(tenantId);
      return {
        tenantId,
        stores,
        connectors,
        governance,
        close: () => stores.close?.(),
      };
    },
    close: async () => {
      await Promise.all([...bound.values()].flat().map((vendor) => vendor.connector.close()));
      await sandbox.close();
    },
  };
}
