import type { z } from 'zod';
import { RampartError } from '../errors.js';
import { parseOrThrow } from '../validation.js';
import type { Capability } from './capabilities.js';
import type { Risk } from './risk.js';

/** What the caller knows about the call, passed through to `execute`. */
export interface ToolCallContext {
  signal?: AbortSignal;
  /** Tenant the call is made for; connectors key rate limits and credentials by it. */
  tenantId?: string;
  /** Case the call belongs to, for timelines and audit. */
  caseId?: string;
  /** Makes a state-changing call safe to retry: the same key never acts twice. */
  idempotencyKey?: string;
}

/** Model-facing hints, named as in MCP tool annotations. */
export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
}

export interface ToolSpec<I extends z.ZodType, O extends z.ZodType> {
  /** camelCase, unique within a tool set; exported as-is to model APIs. */
  name: string;
  /** What the tool does and when to use it, written for a model choosing between tools. */
  description: string;
  input: I;
  output: O;
  risk: Risk;
  /** Calling twice with the same input has the same effect as calling once. */
  idempotent: boolean;
  /** Vendor permissions the call needs, e.g. `okta.users.manage`. */
  scopes?: readonly string[];
  /** What the tool does in vendor-neutral words (see `capabilities`), e.g. `['user.suspend']`. */
  capabilities?: readonly Capability[];
  execute: (input: z.output<I>, context: ToolCallContext) => Promise<z.input<O>>;
  /**
   * `execute` already returns its result parsed with `output` (a connector runtime does, to report a vendor's
   * malformed response as its own typed error), so the tool does not parse it a second time.
   */
  outputAlreadyParsed?: boolean;
}

/** A tool is data plus a function: call it directly, or export it to any model API. */
export interface Tool<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  (input: z.input<I>, context?: ToolCallContext): Promise<z.output<O>>;
  readonly name: string;
  readonly description: string;
  readonly input: I;
  readonly output: O;
  readonly risk: Risk;
  readonly idempotent: boolean;
  readonly scopes: readonly string[];
  readonly capabilities: readonly Capability[];
  readonly annotations: ToolAnnotations;
  /** Runs `execute` without the input/output validation; for runtimes that validate themselves. */
  readonly execute: ToolSpec<I, O>['execute'];
}

export type AnyTool = Tool<z.ZodType, z.ZodType>;
/** Tools keyed by name, as connectors expose them (`okta.tools.suspendUser`). */
export type ToolSet = Record<string, AnyTool>;

/** What model APIs accept as a function name: a letter, then letters, digits or `_`, 64 at most. */
export const toolNamePattern = /^[a-zA-Z][a-zA-Z0-9_]{0,63}$/;

/** The tool itself failed while running (not a validation problem). */
export class ToolExecutionError extends RampartError {
  override readonly name = 'ToolExecutionError';
  constructor(
    readonly tool: string,
    options: { cause: unknown },
  ) {
    super(
      `Tool ${tool} failed: ${options.cause instanceof Error ? options.cause.message : String(options.cause)}`,
      options,
    );
  }
  static override isInstance(value: unknown): value is ToolExecutionError {
    return RampartError.isInstance(value) && value.name === 'ToolExecutionError';
  }
}

/**
 * Declares a tool. The result validates its input before `execute` and its output after, so a
 * model's malformed arguments and a vendor's malformed response both surface as `ValidationError`s.
 */
export function defineTool<I extends z.ZodType, O extends z.ZodType>(spec: ToolSpec<I, O>): Tool<I, O> {
  if (!toolNamePattern.test(spec.name)) {
    throw new RampartError(`Tool name "${spec.name}" must match ${toolNamePattern} (model APIs reject other names)`);
  }
  if (spec.description.trim().length < 10) {
    throw new RampartError(`Tool ${spec.name} needs a description a model can choose by (at least 10 characters)`);
  }
  const call = async (input: z.input<I>, context: ToolCallContext = {}): Promise<z.output<O>> => {
    const parsedInput = parseOrThrow(spec.input, input, `tool ${spec.name} input`);
    let raw: z.input<O>;
    try {
      raw = await spec.execute(parsedInput, context);
    } catch (error) {
      if (RampartError.isInstance(error)) throw error;
      throw new ToolExecutionError(spec.name, { cause: error });
    }
    if (spec.outputAlreadyParsed) return raw as z.output<O>;
    return parseOrThrow(spec.output, raw, `tool ${spec.name} output`);
  };
  const metadata = {
    description: spec.description,
    input: spec.input,
    output: spec.output,
    risk: spec.risk,
    idempotent: spec.idempotent,
    scopes: Object.freeze([...(spec.scopes ?? [])]),
    capabilities: Object.freeze([...(spec.capabilities ?? [])]),
    annotations: Object.freeze({
      readOnlyHint: spec.risk === 'read',
      // MCP: true unless the tool only adds. Containment (suspend, isolate) changes state in place.
      destructiveHint: spec.risk === 'contain' || spec.risk === 'destructive',
      idempotentHint: spec.idempotent,
    }),
    execute: spec.execute,
  };
  // Function.name is read-only; redefine it so the callable carries the tool's name.
  Object.defineProperty(call, 'name', { value: spec.name, enumerable: true });
  return Object.freeze(Object.assign(call, metadata)) as unknown as Tool<I, O>;
}

export function isTool(value: unknown): value is AnyTool {
  return typeof value === 'function' && 'risk' in value && 'input' in value && 'execute' in value;
}

/** Accepts a tool set or an array and returns the tools as an array. */
export function toolList(tools: ToolSet | readonly AnyTool[]): AnyTool[] {
  return Array.isArray(tools) ? [...tools] : Object.values(tools);
}
