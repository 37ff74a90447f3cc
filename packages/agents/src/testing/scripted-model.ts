import {
  assertKnownTools,
  type ModelAdapter,
  type ModelFinishReason,
  type ModelRequest,
  type ModelResponse,
  type ModelUsage,
  RampartError,
} from '@rampart/core';

/** One scripted turn. Omitted fields get the obvious value: no text, no calls, a matching finish reason. */
export interface ScriptedResponse {
  text?: string;
  /** A call without an `id` gets `call_1`, `call_2`, ... in the order the model makes them. */
  toolCalls?: ReadonlyArray<{ id?: string; name: string; arguments?: unknown }>;
  finishReason?: ModelFinishReason;
  usage?: ModelUsage;
}

/** A response to replay, or an error to throw (e.g. a `ModelApiError` to test the loop's error path). */
export type ScriptedStep = ScriptedResponse | Error;

/** A fixed list of steps, or a function that answers each request (`index` counts from 0). */
export type Script =
  | readonly ScriptedStep[]
  | ((request: ModelRequest, index: number) => ScriptedStep | Promise<ScriptedStep>);

export interface ScriptedModelOptions {
  /** Default `scripted:model`. */
  id?: string;
  /**
   * Apply the contract every real adapter enforces: a call to a tool the request did not offer throws
   * `ModelBehaviorError`. Default true; turn off to test what the loop does with such a call itself.
   */
  checkToolCalls?: boolean;
}

/**
 * A model for deterministic tests of anything that drives a `ModelAdapter`: it replays a script and
 * records every request it saw (a snapshot, so later changes by the caller do not rewrite history).
 */
export class ScriptedModel implements ModelAdapter {
  readonly id: string;
  /** Every request, in order, as it was when `generate` was called. */
  readonly requests: ModelRequest[] = [];
  private readonly script: Script;
  private readonly checkToolCalls: boolean;
  private callCounter = 0;

  constructor(script: Script, options: ScriptedModelOptions = {}) {
    this.script = script;
    this.id = options.id ?? 'scripted:model';
    this.checkToolCalls = options.checkToolCalls ?? true;
  }

  /** Steps of a list script not replayed yet (always 0 for a function script). */
  get remaining(): number {
    return Array.isArray(this.script) ? this.script.length - this.requests.length : 0;
  }

  async generate(request: ModelRequest): Promise<ModelResponse> {
    if (request.signal?.aborted) throw request.signal.reason;
    const index = this.requests.length;
    this.requests.push({
      ...request,
      messages: structuredClone([...request.messages]),
      ...(request.tools && { tools: structuredClone([...request.tools]) }),
    });
    const step = await this.stepAt(request, index);
    if (step instanceof Error) throw step;
    const toolCalls = (step.toolCalls ?? []).map((call) => ({
      id: call.id ?? `call_${++this.callCounter}`,
      name: call.name,
      arguments: call.arguments ?? {},
    }));
    if (this.checkToolCalls) assertKnownTools(toolCalls, request.tools, this.id);
    return {
      text: step.text ?? '',
      toolCalls,
      finishReason: step.finishReason ?? (toolCalls.length > 0 ? 'tool-calls' : 'stop'),
      usage: step.usage ?? {},
    };
  }

  private stepAt(request: ModelRequest, index: number): ScriptedStep | Promise<ScriptedStep> {
    if (typeof this.script === 'function') return this.script(request, index);
    const steps = this.script as readonly ScriptedStep[];
    const step = steps[index];
    if (step === undefined) {
      throw new RampartError(
        `ScriptedModel ${this.id} was asked for response ${index + 1} but its script has ${steps.length}`,
      );
    }
    return step;
  }
}
