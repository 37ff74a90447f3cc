import {
  type Attributes,
  type Context,
  context,
  type Span,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';

/**
 * Tracing through `@opentelemetry/api` only: with no SDK registered every span is a no-op, and a host that
 * registers one (or passes its own tracer) sees agent runs, steps, model calls and tool calls nested as they ran.
 * Parents are passed explicitly, so nesting holds without a context manager.
 */
export const tracerName = '@rampart/agents';

export function defaultTracer(): Tracer {
  return trace.getTracer(tracerName);
}

export interface SpanScope {
  span: Span;
  /** The context to start child spans in. */
  context: Context;
}

/** Runs `work` in a span that ends when it settles; a thrown error is recorded on the span and rethrown. */
export async function inSpan<T>(
  tracer: Tracer,
  name: string,
  attributes: Attributes,
  parent: Context | undefined,
  work: (scope: SpanScope) => Promise<T>,
): Promise<T> {
  const parentContext = parent ?? context.active();
  const span = tracer.startSpan(name, { attributes }, parentContext);
  try {
    return await work({ span, context: trace.setSpan(parentContext, span) });
  } catch (error) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    throw error;
  } finally {
    span.end();
  }
}
