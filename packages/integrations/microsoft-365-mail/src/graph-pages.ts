import type { ToolCallContext } from '@rampart/core';

/**
 * Microsoft Graph pages a list with `@odata.nextLink`, a URL in the body. The kit's pagination reads a dotted path,
 * which cannot name a key containing a dot, so the generated tools return one page; this follows the links by
 * sending the link's `$skiptoken` (or `$skip`) back through the same tool, which keeps input validation, rate limits
 * and the host allow-list on every page.
 */
export interface GraphPage<Item> {
  value?: readonly Item[] | null;
  '@odata.nextLink'?: string | null;
}

export interface GraphPagesOptions {
  /** Pages fetched at most (default 10). */
  maxPages?: number;
  context?: ToolCallContext;
}

/** The continuation a next link carries, as tool input fields (`skiptoken` or `skip`), or `undefined`. */
export function continuationOf(
  nextLink: string | null | undefined,
): { skiptoken: string } | { skip: number } | undefined {
  if (typeof nextLink !== 'string' || nextLink === '') return undefined;
  let url: URL;
  try {
    url = new URL(nextLink);
  } catch {
    return undefined;
  }
  const token = url.searchParams.get('$skiptoken');
  if (token !== null && token !== '') return { skiptoken: token };
  const skip = Number(url.searchParams.get('$skip'));
  return Number.isInteger(skip) && skip > 0 ? { skip } : undefined;
}

/** Every item of a Graph list, page after page, through `tool`, until there is no next link or `maxPages`. */
export async function* graphPages<Input extends object, Item>(
  tool: (input: Input, context?: ToolCallContext) => Promise<GraphPage<Item>>,
  input: Input,
  options: GraphPagesOptions = {},
): AsyncGenerator<Item, void, undefined> {
  const maxPages = options.maxPages ?? 10;
  const seen = new Set<string>();
  let next: Input = input;
  for (let page = 1; page <= maxPages; page++) {
    const body = await tool(next, options.context);
    yield* body.value ?? [];
    const continuation = continuationOf(body['@odata.nextLink']);
    if (continuation === undefined) return;
    const key = JSON.stringify(continuation);
    if (seen.has(key)) return;
    seen.add(key);
    next = { ...input, ...continuation };
  }
}
