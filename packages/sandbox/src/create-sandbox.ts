import { type Connector, type ConnectorDefinition, type ConnectorLogger, silentLogger } from '@rampart/connector-kit';
import {
  type Alert,
  ManualClock,
  normalizeAlerts,
  RampartError,
  type ToolSet,
  UnrecognizedAlertError,
  ValidationError,
} from '@rampart/core';
import type { RequestHandler } from 'msw';
import { type SetupServer, setupServer } from 'msw/node';
import { SimulatedNetwork, type SimulatedNetworkOptions } from './network/simulated-network.js';
import { parseScenario } from './scenario/load-scenario.js';
import type { Scenario, ScenarioInput } from './scenario/scenario.js';
import { type BoundVendor, bindVendor } from './vendors/bind-vendor.js';
import { builtInVendors } from './vendors/built-in-vendors.js';
import type { AnyVendorBinding, SandboxConnectorSettings, VendorBinding } from './vendors/vendor-binding.js';
import { World, type WorldAction } from './world/world.js';
import type { WorldSeedInput } from './world/world-seed.js';

export interface SandboxOptions {
  /** A scenario (parsed, or as read from a file): its world is seeded and its alerts normalised. */
  scenario?: Scenario | ScenarioInput;
  /** A world seed, when there is no scenario. */
  world?: WorldSeedInput;
  /** Default: a `ManualClock` at the scenario's `startAt` (or 2026-01-01T00:00:00Z). */
  clock?: ManualClock;
  /** Tenant the connectors are bound to. Default: the scenario's, else `sandbox`. */
  tenantId?: string;
  /** Vendors to simulate. Default `builtInVendors` (every connector package this sandbox knows). */
  vendors?: readonly AnyVendorBinding[];
  /** Simulated latency by connector id, replacing the bindings' own. */
  latencyMs?: Readonly<Record<string, number>>;
  network?: SimulatedNetworkOptions;
  /**
   * Requests for hosts no simulated vendor serves (a real model API, say): `bypass` (default) lets them through,
   * `warn` lets them through with a warning, `error` fails them. Requests to a simulated vendor's host that no
   * operation matches always fail.
   */
  onUnhandledRequest?: 'bypass' | 'warn' | 'error';
  /**
   * More msw handlers, for hosts outside the simulated vendors: a mocked model API, say, so a test drives a real
   * model adapter through the same interception as the vendors (one msw server per process: there is no second).
   */
  handlers?: readonly RequestHandler[];
  /** Connector logs; default silent. */
  logger?: ConnectorLogger;
}

/** One scenario alert, normalised by its connector. */
export interface SandboxAlert {
  /** Position in the scenario's `alerts`. */
  index: number;
  connectorId: string;
  /** Simulated time at which it reaches Rampart. */
  arrivesAt: number;
  /** The vendor-native payload, as in the scenario. */
  payload: unknown;
  /** What the connector's normalizers made of it (a list payload gives several). */
  alerts: Alert[];
}

export interface Sandbox {
  readonly world: World;
  readonly clock: ManualClock;
  readonly tenantId: string;
  readonly scenario: Scenario | undefined;
  /** The real generated connectors, by connector id, pointed at the simulated vendors. */
  readonly connectors: Readonly<Record<string, Connector<ConnectorDefinition>>>;
  /**
   * The connectors as a SOC takes them (`createSoc({ connectors })`): each one's generated tools plus its package's
   * hand-written SOC actions, bound to the sandbox tenant.
   */
  readonly socConnectors: readonly { id: string; tools: ToolSet; tenantId: string }[];
  /** The msw server answering for the vendors; started by `createSandbox`, stopped by `close`. */
  readonly server: SetupServer;
  readonly network: SimulatedNetwork;
  readonly vendors: readonly BoundVendor[];
  /** The scenario's alerts, normalised, in arrival order. */
  readonly alerts: readonly SandboxAlert[];
  /** A connector typed by its binding: `sandbox.connector(falconVendor).tools.containHost(...)`. */
  connector<D extends ConnectorDefinition>(binding: VendorBinding<D>): Connector<D>;
  /** Every vendor call so far, in order (see `WorldAction`). */
  actions(): readonly WorldAction[];
  /** Stops the msw server and closes the connectors. */
  close(): Promise<void>;
}

/** Thrown when the sandbox cannot be set up as asked (unknown connector, scenario without alerts' normalizers …). */
export class SandboxConfigurationError extends RampartError {
  override readonly name = 'SandboxConfigurationError';
  static override isInstance(value: unknown): value is SandboxConfigurationError {
    return RampartError.isInstance(value) && value.name === 'SandboxConfigurationError';
  }
}

function normalizeScenarioAlerts(scenario: Scenario, vendors: ReadonlyMap<string, BoundVendor>): SandboxAlert[] {
  const alerts = scenario.alerts.map((alert, index) => {
    const vendor = vendors.get(alert.connector);
    if (vendor === undefined) {
      throw new ValidationError(`scenario ${scenario.id}`, [
        {
          path: `alerts[${index}].connector`,
          message: `no simulated vendor "${alert.connector}" (available: ${[...vendors.keys()].join(', ')})`,
        },
      ]);
    }
    if (vendor.binding.alertNormalizers.length === 0) {
      throw new ValidationError(`scenario ${scenario.id}`, [
        { path: `alerts[${index}].connector`, message: `connector "${alert.connector}" ships no alert normalizers` },
      ]);
    }
    let normalized: Alert[];
    try {
      normalized = normalizeAlerts(alert.connector, vendor.binding.alertNormalizers, alert.payload);
    } catch (error) {
      const prefix = `alerts[${index}].payload`;
      if (ValidationError.isInstance(error)) {
        throw new ValidationError(
          `scenario ${scenario.id}`,
          error.issues.map((issue) => ({
            ...issue,
            path: issue.path === '' ? prefix : `${prefix}${issue.path.startsWith('[') ? '' : '.'}${issue.path}`,
          })),
          { cause: error },
        );
      }
      if (UnrecognizedAlertError.isInstance(error)) {
        const path = error.path === '' ? prefix : `${prefix}${error.path.startsWith('[') ? '' : '.'}${error.path}`;
        throw new ValidationError(
          `scenario ${scenario.id}`,
          [{ path, message: `no ${alert.connector} normalizer recognises this payload` }],
          { cause: error },
        );
      }
      throw error;
    }
    return {
      index,
      connectorId: alert.connector,
      arrivesAt: scenario.startAt + alert.arrivesAfterMs,
      payload: alert.payload,
      alerts: normalized,
    };
  });
  return alerts.sort((a, b) => a.arrivesAt - b.arrivesAt || a.index - b.index);
}

/**
 * A simulated tenant: a world seeded from a scenario (or a bare world seed), the real connectors pointed at
 * simulated vendors that answer from and change that world, msw intercepting the global `fetch`, and a manual clock
 * that vendor latency moves. Deterministic: the same scenario gives the same world, times and action log.
 *
 * One sandbox at a time per process: msw patches the global `fetch`. Always `close()` it.
 */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  // Parsing is idempotent (every output is a valid input), so a parsed scenario may be passed again.
  const scenario = options.scenario === undefined ? undefined : parseScenario(options.scenario);
  if (scenario !== undefined && options.world !== undefined) {
    throw new SandboxConfigurationError('Give a scenario or a world, not both: a scenario carries its own world');
  }
  const clock = options.clock ?? new ManualClock(scenario?.startAt ?? Date.UTC(2026, 0, 1));
  const tenantId = options.tenantId ?? scenario?.tenantId ?? 'sandbox';
  const world = new World(scenario?.world ?? options.world ?? {}, clock);
  const network = new SimulatedNetwork(clock, options.network);
  const settings: SandboxConnectorSettings = {
    tenantId,
    clock,
    // A retry backoff or Retry-After wait is a request-like span on the simulated clock: it overlaps with the
    // other calls in flight instead of jumping the clock past them.
    sleep: async (milliseconds, signal) => {
      signal?.throwIfAborted();
      await network.travel(Math.max(0, milliseconds));
    },
    random: () => 0.5,
    logger: options.logger ?? silentLogger,
    // Calls wait out simulated vendor rate limits (which cost simulated, not real, time) rather than fail.
    retry: { maxAttempts: 6, budgetMs: 15 * 60_000 },
  };
  const available = options.vendors ?? builtInVendors;
  const wanted = scenario?.connectors;
  if (wanted !== undefined) {
    const missing = wanted.filter((id) => !available.some((binding) => binding.id === id));
    if (missing.length > 0) {
      throw new SandboxConfigurationError(
        `Scenario ${scenario!.id} needs connectors the sandbox does not simulate: ${missing.join(', ')} (available: ${available.map((binding) => binding.id).join(', ')})`,
      );
    }
  }
  const bindings = wanted === undefined ? available : available.filter((binding) => wanted.includes(binding.id));
  const vendors = new Map<string, BoundVendor>();
  for (const binding of bindings) {
    if (vendors.has(binding.id)) throw new SandboxConfigurationError(`Two vendor bindings for "${binding.id}"`);
    const latencyMs = options.latencyMs?.[binding.id];
    vendors.set(
      binding.id,
      bindVendor(binding, { world, network, settings, ...(latencyMs !== undefined && { latencyMs }) }),
    );
  }
  const alerts = scenario === undefined ? [] : normalizeScenarioAlerts(scenario, vendors);
  if (scenario !== undefined) {
    for (const vendor of vendors.values()) {
      const payloads = scenario.alerts
        .filter((alert) => alert.connector === vendor.binding.id)
        .map((alert) => alert.payload);
      if (payloads.length === 0) continue;
      if (vendor.binding.seedAlerts !== undefined) vendor.binding.seedAlerts(world, payloads);
      else world.addVendorAlerts(vendor.binding.id, payloads);
    }
  }

  const hosts = new Set([...vendors.values()].map((vendor) => vendor.host));
  const server = setupServer(
    ...[...vendors.values()].flatMap((vendor) => vendor.handlers),
    ...(options.handlers ?? []),
  );
  const outside = options.onUnhandledRequest ?? 'bypass';
  server.listen({
    onUnhandledRequest(request, print) {
      if (hosts.has(new URL(request.url).host)) print.error();
      else if (outside === 'error') print.error();
      else if (outside === 'warn') print.warning();
    },
  });

  const connectors = Object.freeze(
    Object.fromEntries([...vendors].map(([id, vendor]) => [id, vendor.connector])),
  ) as Readonly<Record<string, Connector<ConnectorDefinition>>>;
  let closing: Promise<void> | undefined;
  return {
    world,
    clock,
    tenantId,
    scenario,
    connectors,
    socConnectors: Object.freeze(
      [...vendors.values()].map((vendor) => ({ id: vendor.binding.id, tools: vendor.tools, tenantId })),
    ),
    server,
    network,
    vendors: Object.freeze([...vendors.values()]),
    alerts,
    connector<D extends ConnectorDefinition>(binding: VendorBinding<D>): Connector<D> {
      const vendor = vendors.get(binding.id);
      if (vendor === undefined) throw new SandboxConfigurationError(`The sandbox does not simulate "${binding.id}"`);
      return vendor.connector as unknown as Connector<D>;
    },
    actions: () => world.actions,
    close() {
      closing ??= (async () => {
        server.close();
        await Promise.all([...vendors.values()].map((vendor) => vendor.connector.close()));
      })();
      return closing;
    },
  };
}
