import type { Connector, GovernanceOption, SocOptions, SocStores } from '@rampart/agents';
import type { AnyTool, ToolSet } from '@rampart/core';

/**
 * What one tenant's jobs run against, built by the host for that tenant only: its stores (its own audit log),
 * its connectors (built with its own credentials from its `SecretsProvider`, with `redis` so its vendor quotas are
 * shared by every worker), its governance.
 */
export interface TenantEnvironment {
  /**
   * The tenant these stores and credentials belong to. The runner refuses to run a job of another tenant on
   * them, so a factory that hands out the wrong tenant's environment fails loudly instead of mixing data.
   */
  tenantId: string;
  stores: SocStores;
  connectors?: readonly Connector[];
  tools?: ToolSet | readonly AnyTool[];
  governance?: GovernanceOption;
  /** Releases what the environment holds (database handles, connectors) when the worker drops it. */
  close?(): Promise<void> | void;
}

/** Builds a tenant's environment; called once per tenant per worker, then kept (see `maxTenantsOpen`). */
export type TenantEnvironmentFactory = (tenantId: string) => Promise<TenantEnvironment> | TenantEnvironment;

/** The `createSoc` options every tenant shares: model, agents, policies, clock, ids ... */
export type SharedSocOptions = Omit<SocOptions, 'stores' | 'connectors' | 'tools' | 'governance'>;
