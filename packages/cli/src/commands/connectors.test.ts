import { describe, expect, it } from 'vitest';
import { main } from '../main.js';
import catalogData from '../../../../docs/connectors/catalog.json' with { type: 'json' };

async function run(argv: string[]) {
  let out = '';
  let errorOut = '';
  const code = await main(
    argv,
    (text) => {
      out += text;
    },
    (text) => {
      errorOut += text;
    },
  );
  return { code, out, errorOut };
}

describe('rampart connectors list', () => {
  it('lists every catalogued connector with its tool count', async () => {
    const catalog = catalogData.connectors;
    const { code, out } = await run(['connectors', 'list']);
    expect(code).toBe(0);
    expect(out).toMatch(/^ID +PRODUCT +CATEGORIES +TOOLS/);
    expect(out).toMatch(/^okta +Okta Workforce Identity +iam +9 \(4 write\)$/m);
    expect(out).toContain(`${catalog.length} connector(s)\n`);
  });

  it('filters by category and prints JSON', async () => {
    const { code, out } = await run(['connectors', 'list', '--category', 'iam', '--json']);
    expect(code).toBe(0);
    const listed = JSON.parse(out) as { id: string; categories: string[]; tools: { risk: string }[] }[];
    expect(listed.map((connector) => connector.id)).toContain('okta');
    expect(listed.every((connector) => connector.categories.includes('iam'))).toBe(true);
    expect(listed.find((connector) => connector.id === 'okta')?.tools.length).toBe(9);
  });

  it('rejects an unknown category or subcommand with a usage error', async () => {
    const unknownCategory = await run(['connectors', 'list', '--category', 'toasters']);
    expect(unknownCategory.code).toBe(2);
    expect(unknownCategory.errorOut).toContain('unknown category "toasters" (categories: ');
    const unknownSubcommand = await run(['connectors', 'show']);
    expect(unknownSubcommand.code).toBe(2);
    expect(unknownSubcommand.errorOut).toContain('unknown connectors subcommand "show"');
  });
});
