import type {
  Connector,
  ConnectorDefinition,
  ConnectorLogger,
  CredentialsFor,
  OperationDefinition,
  OperationName,
  QuotaDefinition,
  RetryOptions,
  Sleep,
} from '@rampart/connector-kit';
import type { AlertNormalizer, Capability, ManualClock, Risk, ToolSet } from '@rampart/core';
import type { RequestHandler } from 'msw';
import type { World } from '../world/world.js';

/** One request a simulated vendor received, as a stateful responder sees it. */
export interface VendorCall {
  operation: OperationDefinition;
  /** The call's input as the tool took it: path parameters, query parameters and body fields by input field name. */
  input: Record<string, unknown>;
  method: string;
  url: URL;
  headers: Headers;
  /** The parsed JSON or form body, `undefined` when empty. */
  body: unknown;
  world: World;
  /** Simulated time at which the vendor acts (the request's completion time). */
  at: number;
}

/**
 * Answers one operation from the world, changing it where the operation acts. Returns the response body (sent as
 * JSON with status 200), a `Response` (for another status or an empty body), or `undefined` to let the connector's
 * generated mock answer with its sample.
 */
export type VendorResponder = (call: VendorCall) => unknown | Response | Promise<unknown | Response>;

/** What the sandbox hands every connector it creates, so all of them run on the simulated clock. */
export interface SandboxConnectorSettings {
  tenantId: string;
  clock: ManualClock;
  /** Advances the simulated clock instead of waiting (retry backoffs, rate-limit pauses). */
  sleep: Sleep;
  random: () => number;
  logger: ConnectorLogger;
  retry: RetryOptions;
}

/**
 * How one connector is simulated: its generated definition and mocks, the real connector factory with fake
 * credentials, and stateful responders for the operations that read or change the world. One file per connector
 * under `src/vendors/`; add one with `defineVendorBinding` and pass it to `createSandbox({ vendors })`.
 */
export interface VendorBinding<D extends ConnectorDefinition = ConnectorDefinition> {
  /** The connector id, e.g. `okta`. */
  readonly id: D['id'];
  readonly definition: D;
  /** Values for the base URL template: where the simulated vendor listens. */
  readonly baseUrlVariables?: Readonly<Record<string, string>>;
  /** Simulated latency of every request, in milliseconds (typical for the vendor's API). */
  readonly latencyMs: number;
  /** Fake credentials of one of the connector's auth methods. */
  readonly credentials: CredentialsFor<D['auth']>;
  /**
   * The rate limits the simulated vendor enforces (on the simulated clock). Default: the definition's quotas. Give a
   * paid plan's limits where the definition states the free tier's.
   */
  readonly quotas?: readonly QuotaDefinition[];
  /** The connector's generated msw handlers: the fallback for operations without a stateful responder. */
  fallbackHandlers(): RequestHandler[];
  /** The connector's alert normalizers (empty when it emits no alerts). */
  readonly alertNormalizers: readonly AlertNormalizer[];
  /** Stateful responders, keyed by operation (tool) name. */
  readonly responders: { readonly [K in OperationName<D>]?: VendorResponder };
  /**
   * What one call does, for operations that do several things through one endpoint (Falcon contains or releases
   * hosts through one action endpoint): the capabilities and risk the action log records instead of the
   * operation's own.
   */
  readonly classify?: {
    readonly [K in OperationName<D>]?: (input: Record<string, unknown>) => {
      capabilities?: readonly Capability[];
      risk?: Risk;
    };
  };
  /**
   * For vendors that serve several operations on one URL (AWS Query APIs: `POST /` with `Action=...`): whether a
   * request is this operation. A request no operation recognises falls through to the generated mocks.
   */
  readonly recognizes?: {
    readonly [K in OperationName<D>]?: (request: { body: unknown; url: URL }) => boolean;
  };
  /** Called once when the vendor is bound: register the vendor's own ids of world entities (`world.addAlias`). */
  prepare?(world: World): void;
  /** The connector package's hand-written SOC actions over the generated tools (`containHost`, `lookupUrl` …). */
  socTools?(connector: Connector<D>): ToolSet;
  /**
   * Puts a scenario's native alerts of this connector into the world (so the vendor's alert tools return them).
   * Default: `world.addVendorAlerts(id, payloads)`.
   */
  seedAlerts?(world: World, payloads: readonly unknown[]): void;
}

/** Identity function that checks a binding's responders against its connector's operation names. */
export function defineVendorBinding<const D extends ConnectorDefinition>(binding: VendorBinding<D>): VendorBinding<D> {
  return binding;
}

/** Any binding, whatever its definition. */
// biome-ignore lint/suspicious/noExplicitAny: bindings of different connectors are held in one list
export type AnyVendorBinding = VendorBinding<any>;
