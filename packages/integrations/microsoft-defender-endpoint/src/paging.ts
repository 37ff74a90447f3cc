import type { ToolCallContext } from '@rampart/core/connector';
import type { createMicrosoftDefenderEndpointConnector } from './generated/connector.js';

type DefenderConnector = ReturnType<typeof createMicrosoftDefenderEndpointConnector>;

/** The Defender tools that answer OData pages (`{ value, @odata.nextLink }`). */
export type DefenderListTool = 'listAlerts' | 'listMachines' | 'listIndicators';
type ListInput<K extends DefenderListTool> = NonNullable<Parameters<DefenderConnector['tools'][K]>[0]>;
type ListItem<K extends DefenderListTool> = NonNullable<
  Awaited<ReturnType<DefenderConnector['tools'][K]>>['value']
>[number];
type ListPage<K extends DefenderListTool> = { value?: ListItem<K>[] | null; '@odata.nextLink'?: string | null };

export interface DefenderPagesOptions {
  /** Pages fetched at most. Default 100. */
  maxPages?: number;
  context?: ToolCallContext;
}

/**
 * Every item of a Defender list, page after page. Defender says there is more with `@odata.nextLink`, a full URL
 * whose `$skip` is the next offset; the kit has no pagination style for a next link in the body, so this follows it
 * through the tool itself (same validation, quotas and retries). The link is only read, never requested: its `$skip`
 * becomes the next call's `skip`. A link without `$skip`, or one that does not move forward, ends the listing.
 */
export async function* defenderPages<K extends DefenderListTool>(
  connector: DefenderConnector,
  tool: K,
  input: ListInput<K>,
  options: DefenderPagesOptions = {},
): AsyncGenerator<ListItem<K>, void, undefined> {
  const call = connector.tools[tool] as unknown as (
    input: ListInput<K>,
    context?: ToolCallContext,
  ) => Promise<ListPage<K>>;
  const maxPages = options.maxPages ?? 100;
  let next = input;
  let skip = (input as { skip?: number }).skip ?? 0;
  for (let page = 0; page < maxPages; page++) {
    const body = await call(next, options.context);
    yield* body.value ?? [];
    const link = body['@odata.nextLink'];
    if (!link) return;
    const nextSkip = Number(new URL(link).searchParams.get('$skip'));
    if (!Number.isInteger(nextSkip) || nextSkip <= skip) return;
    skip = nextSkip;
    next = { ...input, skip };
  }
}
