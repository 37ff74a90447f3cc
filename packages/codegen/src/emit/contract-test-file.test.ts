import { describe, expect, it } from 'vitest';
import { renderFixture } from '../../test/fixtures.js';

async function contractTest(fixture: 'acme-edr' | 'legacy-mail'): Promise<string> {
  const { files } = await renderFixture(fixture);
  return files.find((file) => file.path === 'src/generated/contract.test.ts')!.content;
}

async function operationNames(fixture: 'acme-edr' | 'legacy-mail'): Promise<string[]> {
  const { files } = await renderFixture(fixture);
  const operations = files.find((file) => file.path === 'src/generated/operations.ts')!.content;
  return [...operations.matchAll(/^ {4}name: '(\w+)',$/gm)].map((match) => match[1]!);
}

describe('the generated contract test', () => {
  it.each(['acme-edr', 'legacy-mail'] as const)(
    'of %s is the case table and one call of the kit suite, with no test logic of its own',
    async (fixture) => {
      const source = await contractTest(fixture);
      expect(source.match(/describeConnectorContract\(/g)).toHaveLength(1);
      expect(source).toContain('runner: { afterAll, afterEach, beforeAll, describe, expect, it },');
      expect(source).not.toMatch(/\b(describe|it|expect|afterAll|afterEach|beforeAll)(\.each)?\(/);
      expect(source).not.toContain('@rampart/core');
      expect(source).not.toContain("from 'zod'");
      const tools = [...source.matchAll(/^ {4}tool: '(\w+)',$/gm)].map((match) => match[1]);
      expect(tools.length).toBeGreaterThan(0);
      expect(tools).toEqual(await operationNames(fixture));
    },
  );

  it('hands the suite a server with the token endpoint when the connector signs in with OAuth2', async () => {
    expect(await contractTest('acme-edr')).toContain(
      "server: startMockServer([...vendor.handlers, mockOAuth2TokenEndpoint('https://auth.acme-edr.example/token').handler]),",
    );
    const apiKey = await contractTest('legacy-mail');
    expect(apiKey).not.toContain('server:');
    expect(apiKey).toContain(
      "import { type ConnectorContractCase, describeConnectorContract } from '@rampart/connector-kit/testing';",
    );
  });
});
