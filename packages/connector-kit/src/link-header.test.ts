import { describe, expect, it } from 'vitest';
import { parseLinkHeader } from './link-header.js';

describe('parseLinkHeader (RFC 8288)', () => {
  it('reads rel="next" among several links', () => {
    const links = parseLinkHeader(
      '<https://a.example/users?after=00u2&limit=2>; rel="next", <https://a.example/users?limit=2>; rel="self"',
    );
    expect(links.get('next')).toBe('https://a.example/users?after=00u2&limit=2');
    expect(links.get('self')).toBe('https://a.example/users?limit=2');
  });

  it('accepts unquoted, upper-case and multi-valued rel, and other parameters around it', () => {
    expect(parseLinkHeader('</page/3>; rel=NEXT').get('next')).toBe('/page/3');
    expect(parseLinkHeader('</p/9>; title="a, b; c"; rel="last next"').get('next')).toBe('/p/9');
    expect(parseLinkHeader('<https://x.example/?a=1,2>;rel="next";type="application/json"').get('next')).toBe(
      'https://x.example/?a=1,2',
    );
  });

  it('returns nothing for a missing or rel-less header', () => {
    expect(parseLinkHeader(undefined).size).toBe(0);
    expect(parseLinkHeader('<https://x.example/>; title="no rel"').size).toBe(0);
  });
});
