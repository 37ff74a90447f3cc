import {
  type AnyTool,
  type Risk,
  toAnthropicTools,
  toMcpTools,
  toOpenAITools,
  ValidationError,
} from '@rampart/core/connector';
import type { ExpectStatic } from 'vitest';
import type { z } from 'zod';
import type { Connector } from '../connector.js';
import type { ConnectorDefinition, ConnectorTools, OperationName } from '../definition.js';
import { type MockServer, startMockServer } from './mock-server.js';
import type { MockVendor } from './mock-vendor.js';

/**
 * The test-runner functions the suite registers itself with: pass vitest's own
 * (`{ afterAll, afterEach, beforeAll, describe, expect, it }`). Taken as a value rather than imported, so this
 * entry point never loads vitest (the sandbox uses it at run time) and a test can drive the suite by hand.
 */
export interface ContractTestRunner {
  readonly describe: (name: string, body: () => void) => void;
  readonly it: (name: string, body: () => Promise<void> | void) => void;
  readonly expect: ExpectStatic;
  readonly beforeAll: (hook: () => Promise<void> | void) => void;
  readonly afterEach: (hook: () => Promise<void> | void) => void;
  readonly afterAll: (hook: () => Promise<void> | void) => void;
}

/** What the vendor must receive when the tool is called with the case's `validInput`. */
export interface ConnectorContractRequest {
  readonly method: string;
  /** The URL path, base URL path included, with the path parameters of `validInput` filled in. */
  readonly path: string;
  /** Query parameters (wire names) that must be present. */
  readonly query: readonly string[];
  /** Headers (lower-case wire names) that must be present. */
  readonly headers: readonly string[];
  /** Either top-level body keys that must be present, or the input field sent as the whole body. */
  readonly body?: { readonly keys?: readonly string[]; readonly field?: string };
}

/** One row of a connector's contract table: what one tool must do, as the generator derives it from the spec. */
export interface ConnectorContractCase<D extends ConnectorDefinition = ConnectorDefinition> {
  readonly tool: OperationName<D>;
  /** The tool's schemas are `${typeName}Input` and `${typeName}Output` in `schemas`. */
  readonly typeName: string;
  readonly risk: Risk;
  readonly idempotent: boolean;
  /** Names the tool was published under before; each must still be a tool. */
  readonly aliases: readonly (keyof ConnectorTools<D> & string)[];
  /** An input the input schema accepts and the mock vendor answers. */
  readonly validInput: Readonly<Record<string, unknown>>;
  /** A value of the wrong type and the field it goes in (the whole input when the tool takes no fields). */
  readonly wrong: { readonly field?: string; readonly value: unknown };
  readonly request: ConnectorContractRequest;
  /** Set for list operations the mock serves page by page: the input that pages through every sample item. */
  readonly pageInput?: Readonly<Record<string, unknown>>;
  /** Where the items are in a page body (absent: the body is the list). */
  readonly itemsPath?: string;
}

export interface ConnectorContractOptions<D extends ConnectorDefinition> {
  readonly runner: ContractTestRunner;
  /** Created with `retry: { maxAttempts: 1 }`, so a wrong answer fails at once; closed after all tests. */
  readonly connector: Connector<D>;
  /** Answers every operation with its sample; reset after each test. */
  readonly vendor: MockVendor;
  /** The connector's schema module (`import * as schemas`), holding each case's input and output schemas. */
  readonly schemas: Readonly<Record<string, unknown>>;
  /** The sample response of each operation, as the vendor serves it (list items are read from it). */
  readonly samples: Readonly<Partial<Record<OperationName<D>, unknown>>>;
  readonly cases: readonly ConnectorContractCase<NoInfer<D>>[];
  /**
   * A running server answering for the vendor (e.g. with an OAuth2 token endpoint in front of its handlers).
   * Default: one the suite starts for `vendor.handlers`. Closed after all tests either way.
   */
  readonly server?: MockServer;
}

/** Everything a check reads, resolved once per suite. */
interface ContractContext {
  readonly expect: ExpectStatic;
  readonly connector: Connector<ConnectorDefinition>;
  readonly tools: Readonly<Record<string, AnyTool>>;
  readonly vendor: MockVendor;
  readonly schemas: Readonly<Record<string, unknown>>;
  readonly samples: Readonly<Record<string, unknown>>;
}

function schemaNamed(context: ContractContext, name: string): z.ZodType {
  const schema = context.schemas[name];
  if (typeof (schema as { safeParse?: unknown } | undefined)?.safeParse !== 'function') {
    throw new Error(`schemas has no zod schema named ${name}`);
  }
  return schema as z.ZodType;
}

function toolNamed(context: ContractContext, name: string): AnyTool {
  const tool = context.tools[name];
  if (tool === undefined) throw new Error(`${context.connector.id} has no tool named ${name}`);
  return tool;
}

function hasDescription(context: ContractContext, contract: ConnectorContractCase): void {
  context.expect(toolNamed(context, contract.tool).description.trim().length).toBeGreaterThanOrEqual(10);
}

function declaresRiskAndIdempotency(context: ContractContext, contract: ConnectorContractCase): void {
  const tool = toolNamed(context, contract.tool);
  context.expect(tool.risk).toBe(contract.risk);
  context.expect(tool.idempotent).toBe(contract.idempotent);
}

function acceptsValidInput(context: ContractContext, contract: ConnectorContractCase): void {
  const input = schemaNamed(context, `${contract.typeName}Input`);
  context.expect(input.safeParse(contract.validInput).error?.issues ?? []).toEqual([]);
}

async function rejectsWrongType(context: ContractContext, contract: ConnectorContractCase): Promise<void> {
  const { expect } = context;
  const tool = toolNamed(context, contract.tool);
  const input = schemaNamed(context, `${contract.typeName}Input`);
  const { field, value } = contract.wrong;
  const bad = field === undefined ? value : { ...contract.validInput, [field]: value };
  const result = input.safeParse(bad);
  expect(result.success).toBe(false);
  expect(result.error?.issues[0]?.path[0] ?? '').toBe(field ?? '');
  const error = await tool(bad as never).catch((caught: unknown) => caught);
  expect(ValidationError.isInstance(error)).toBe(true);
  expect((error as ValidationError).issues.some((issue) => issue.path.startsWith(field ?? ''))).toBe(true);
  expect(context.vendor.requests).toHaveLength(0);
}

async function callsVendor(context: ContractContext, contract: ConnectorContractCase): Promise<void> {
  const { expect } = context;
  const tool = toolNamed(context, contract.tool);
  const output = schemaNamed(context, `${contract.typeName}Output`);
  const result = await tool(contract.validInput as never);
  expect(output.safeParse(result).error?.issues ?? []).toEqual([]);
  const requests = context.vendor.requestsFor(contract.tool);
  expect(requests).toHaveLength(1);
  const [request] = requests;
  expect(request?.method).toBe(contract.request.method);
  expect(request?.url.pathname).toBe(contract.request.path);
  for (const name of contract.request.query) expect(request?.url.searchParams.has(name)).toBe(true);
  for (const name of contract.request.headers) expect(request?.headers.get(name)).not.toBeNull();
  const body = contract.request.body;
  for (const key of body?.keys ?? []) expect(request?.body).toHaveProperty([key]);
  if (body?.field !== undefined) expect(request?.body).toEqual(contract.validInput[body.field]);
}

async function pagesThroughSamples(context: ContractContext, contract: ConnectorContractCase): Promise<void> {
  const items: unknown[] = [];
  const pages = context.connector.paginate(contract.tool as never, contract.pageInput as never);
  for await (const item of pages) items.push(item);
  const expected = (contract.itemsPath ?? '')
    .split('.')
    .filter((key) => key !== '')
    .reduce((value: unknown, key) => (value as Record<string, unknown>)[key], context.samples[contract.tool]);
  context.expect(items).toEqual(expected);
  context.expect(context.vendor.requestsFor(contract.tool).length).toBe((expected as unknown[]).length);
}

async function aliasesStayCallable(context: ContractContext, contract: ConnectorContractCase): Promise<void> {
  for (const alias of contract.aliases) {
    const aliasTool = toolNamed(context, alias);
    context.expect(aliasTool.risk).toBe(contract.risk);
    context.expect(aliasTool.description).toContain(contract.tool);
    await aliasTool(contract.validInput as never);
  }
  context.expect(context.vendor.requestsFor(contract.tool)).toHaveLength(contract.aliases.length);
}

function exportsToModelFormats(context: ContractContext): void {
  const count = Object.keys(context.tools).length;
  const tools = context.connector.tools;
  context.expect(toOpenAITools(tools, { fallback: 'non-strict' })).toHaveLength(count);
  context.expect(toAnthropicTools(tools)).toHaveLength(count);
  context.expect(toMcpTools(tools)).toHaveLength(count);
}

function coversEveryOperation(context: ContractContext, cases: readonly ConnectorContractCase[]): void {
  const operations = Object.keys(context.connector.definition.operations).sort();
  context.expect(cases.map((contract) => contract.tool).sort()).toEqual(operations);
}

/**
 * A connector's contract tests, registered with the runner: for every case, that the tool has a description a
 * model can choose by, the risk and idempotency of the manifest, an input schema that accepts the valid input
 * and rejects a wrong type (naming the field) before any vendor call, and a call through the kit that sends the
 * expected request and returns data its output schema accepts; list operations page through every sample item;
 * deprecated aliases stay callable; the tool set exports to OpenAI, Anthropic and MCP. Generated
 * `contract.test.ts` files are one call of this, so a fix here reaches every connector without regenerating.
 */
export function describeConnectorContract<D extends ConnectorDefinition>(options: ConnectorContractOptions<D>): void {
  const { runner, vendor } = options;
  const connector = options.connector as unknown as Connector<ConnectorDefinition>;
  const cases = options.cases as readonly ConnectorContractCase[];
  const context: ContractContext = {
    expect: runner.expect,
    connector,
    tools: connector.tools as unknown as Readonly<Record<string, AnyTool>>,
    vendor,
    schemas: options.schemas,
    samples: options.samples as Readonly<Record<string, unknown>>,
  };
  let server = options.server;

  runner.beforeAll(() => {
    server ??= startMockServer(vendor.handlers);
  });
  runner.afterEach(() => vendor.reset());
  runner.afterAll(async () => {
    await connector.close();
    server?.close();
  });

  for (const contract of cases) {
    runner.describe(contract.tool, () => {
      runner.it('has a description a model can choose by', () => hasDescription(context, contract));
      runner.it('declares the risk and idempotency the manifest gives it', () =>
        declaresRiskAndIdempotency(context, contract),
      );
      runner.it('accepts a generated valid input', () => acceptsValidInput(context, contract));
      runner.it('rejects a wrong type, naming the field, before calling the vendor', () =>
        rejectsWrongType(context, contract),
      );
      runner.it('calls the vendor through the kit and returns data that passes the output schema', () =>
        callsVendor(context, contract),
      );
    });
  }

  for (const contract of cases.filter((candidate) => candidate.pageInput !== undefined)) {
    runner.describe(`${contract.tool} pagination`, () => {
      runner.it('pages through every sample item, one page per item', () => pagesThroughSamples(context, contract));
    });
  }

  for (const contract of cases.filter((candidate) => candidate.aliases.length > 0)) {
    runner.describe(`${contract.tool} deprecated names`, () => {
      runner.it('stay callable, with the same risk', () => aliasesStayCallable(context, contract));
    });
  }

  runner.describe('the tool set', () => {
    runner.it('has one case per operation', () => coversEveryOperation(context, cases));
    runner.it('exports to OpenAI, Anthropic and MCP tool formats', () => exportsToModelFormats(context));
  });
}
