import { describe, expect, it } from 'vitest';
import { continuationOf, graphPages } from './graph-pages.js';

describe('continuationOf', () => {
  it('reads $skiptoken, else $skip, from a next link', () => {
    expect(continuationOf('https://graph.microsoft.com/v1.0/auditLogs/signIns?$top=2&$skiptoken=abc%3D%3D')).toEqual({
      skiptoken: 'abc==',
    });
    expect(continuationOf('https://graph.microsoft.com/v1.0/users/x/messages?$skip=10')).toEqual({ skip: 10 });
    expect(continuationOf(null)).toBeUndefined();
    expect(continuationOf('not a url')).toBeUndefined();
    expect(continuationOf('https://graph.microsoft.com/v1.0/users?$count=true')).toBeUndefined();
  });
});

describe('graphPages', () => {
  const link = (token: string) => `https://graph.microsoft.com/v1.0/things?$skiptoken=${token}`;
  const pages: Record<string, { value: number[]; '@odata.nextLink'?: string }> = {
    first: { value: [1, 2], '@odata.nextLink': link('b') },
    b: { value: [3], '@odata.nextLink': link('c') },
    c: { value: [4] },
  };

  it('follows next links with the original input plus the continuation, until there is none', async () => {
    const calls: unknown[] = [];
    const tool = async (input: { filter: string; skiptoken?: string }) => {
      calls.push(input);
      return pages[input.skiptoken ?? 'first']!;
    };
    const items: number[] = [];
    for await (const item of graphPages(tool, { filter: "x eq 'y'" })) items.push(item);
    expect(items).toEqual([1, 2, 3, 4]);
    expect(calls).toEqual([
      { filter: "x eq 'y'" },
      { filter: "x eq 'y'", skiptoken: 'b' },
      { filter: "x eq 'y'", skiptoken: 'c' },
    ]);
  });

  it('stops at maxPages and on a repeated link', async () => {
    const looping = async () => ({ value: [1], '@odata.nextLink': link('same') });
    const items: number[] = [];
    for await (const item of graphPages(looping, {}, { maxPages: 5 })) items.push(item);
    expect(items).toEqual([1, 1]);
    const capped: number[] = [];
    const endless = async (input: { skiptoken?: string }) => ({
      value: [Number(input.skiptoken ?? 0)],
      '@odata.nextLink': link(String(Number(input.skiptoken ?? 0) + 1)),
    });
    for await (const item of graphPages(endless, {}, { maxPages: 3 })) capped.push(item);
    expect(capped).toEqual([0, 1, 2]);
  });
});
