import { ValidationError } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { ConnectorConfigurationError } from './errors.js';
import { buildRequestParts, expandUrlTemplate, templateVariables } from './url-template.js';

describe('expandUrlTemplate', () => {
  const declared = {
    domain: { description: 'org', pattern: '[a-z0-9-]+\\.okta\\.com' },
    region: { description: 'r', default: 'us-east-1' },
  };

  it('fills variables, using declared defaults', () => {
    expect(expandUrlTemplate('https://{domain}/{region}', { domain: 'acme.okta.com' }, declared)).toBe(
      'https://acme.okta.com/us-east-1',
    );
    expect(templateVariables('https://{a}.x/{b}')).toEqual(['a', 'b']);
  });

  it.each([
    'evil.com',
    'acme.okta.com.evil.com',
    'x@acme.okta.com',
    'acme.okta.com/..',
    'acme.okta.com:444',
    'a%2eokta.com',
  ])('refuses %s, which would move the request elsewhere', (domain) => {
    expect(() => expandUrlTemplate('https://{domain}', { domain }, declared)).toThrow(ConnectorConfigurationError);
  });

  it('anchors patterns: a prefix match is not enough', () => {
    expect(() => expandUrlTemplate('https://{domain}', { domain: 'acme.okta.comx' }, declared)).toThrow(/must match/);
  });
});

describe('buildRequestParts', () => {
  it('places path, query and header parameters, returning the rest for the body', () => {
    const parts = buildRequestParts(
      'https://api.example/v2/',
      '/users/{id}/groups',
      [
        { name: 'userId', in: 'path', wireName: 'id' },
        { name: 'limit', in: 'query' },
        { name: 'requestId', in: 'header', wireName: 'X-Request-Id' },
      ],
      { userId: 'a b/c', limit: 5, requestId: 'r1', name: 'n', skipped: undefined },
      'input',
    );
    expect(parts.url.toString()).toBe('https://api.example/v2/users/a%20b%2Fc/groups?limit=5');
    expect(parts.headers).toEqual({ 'x-request-id': 'r1' });
    expect(parts.remaining).toEqual({ name: 'n', skipped: undefined });
  });

  it('serialises arrays and objects by OpenAPI style and explode', () => {
    const url = buildRequestParts(
      'https://api.example',
      '/s',
      [
        { name: 'a', in: 'query' },
        { name: 'b', in: 'query', explode: false },
        { name: 'c', in: 'query', style: 'pipeDelimited' },
        { name: 'd', in: 'query', style: 'spaceDelimited' },
        { name: 'e', in: 'query', style: 'deepObject' },
        { name: 'f', in: 'query' },
        { name: 'g', in: 'query', explode: false },
      ],
      {
        a: [1, 2],
        b: [1, 2],
        c: ['x', 'y'],
        d: ['x', 'y'],
        e: { role: 'admin', x: 1 },
        f: { k: 'v' },
        g: { k: 'v', l: 'w' },
      },
      'input',
    ).url;
    expect([...url.searchParams]).toEqual([
      ['a', '1'],
      ['a', '2'],
      ['b', '1,2'],
      ['c', 'x|y'],
      ['d', 'x y'],
      ['e[role]', 'admin'],
      ['e[x]', '1'],
      ['k', 'v'],
      ['g', 'k,v,l,w'],
    ]);
  });

  it('names every missing path parameter', () => {
    const error = (() => {
      try {
        buildRequestParts('https://x.example', '/a/{one}/b/{two}', [], {}, 'tool t input');
      } catch (caught) {
        return caught;
      }
    })();
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual(['one', 'two']);
  });

  it('formats dates as ISO 8601', () => {
    const url = buildRequestParts(
      'https://x.example',
      '/',
      [{ name: 'since', in: 'query' }],
      { since: new Date(0) },
      'i',
    ).url;
    expect(url.searchParams.get('since')).toBe('1970-01-01T00:00:00.000Z');
  });
});
