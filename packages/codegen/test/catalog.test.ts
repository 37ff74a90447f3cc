import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { ConnectorCatalog, catalogEntry } from '../src/catalog/catalog-entry.js';
import { renderCatalog } from '../src/catalog/render-catalog.js';
import { loadManifest } from '../src/manifest.js';
import { planTools } from '../src/plan.js';
import { refreshSpec } from '../src/refresh.js';
import type { IntermediateSpec } from '../src/spec/intermediate.js';
import { testDirectory } from './fixtures.js';

async function fixtureEntry(name: string) {
  const directory = path.join(testDirectory, 'fixtures', name);
  const { manifest } = await loadManifest(directory);
  const spec = JSON.parse((await refreshSpec(manifest, directory)).content) as IntermediateSpec;
  return catalogEntry(manifest, planTools(manifest, spec));
}

describe('connector catalog', () => {
  it('lists each tool with its reviewed risk and each quota with the page that states it', async () => {
    const entry = await fixtureEntry('acme-edr');
    expect(entry.package).toBe('@rampart/connector-acme-edr');
    expect(entry.tools.find((tool) => tool.name === 'containHost')).toMatchObject({
      risk: 'contain',
      method: 'POST',
      quota: 'containment',
      deprecatedAliases: ['isolateHost'],
    });
    expect(entry.tools.find((tool) => tool.name === 'removeHost')?.risk).toBe('destructive');
    expect(entry.quotas.map((quota) => [quota.id, quota.appliesTo, quota.source])).toEqual([
      ['tenant', 'all', 'https://docs.acme-edr.example/api/limits'],
      ['containment', 'named', 'https://docs.acme-edr.example/api/limits#containment'],
    ]);
    expect(ConnectorCatalog.shape.connectors.element.parse(entry)).toEqual(entry);
  });

  it('renders catalog.json, an index, the web page and one page per connector, sorted by id', async () => {
    const entries = [await fixtureEntry('legacy-mail'), await fixtureEntry('acme-edr')];
    const files = renderCatalog(entries);
    expect(files.map((file) => file.path)).toEqual([
      'docs/connectors/catalog.json',
      'docs/connectors/README.md',
      'docs/connectors/index.html',
      'docs/connectors/acme-edr.md',
      'docs/connectors/legacy-mail.md',
    ]);
    const catalog = ConnectorCatalog.parse(JSON.parse(files[0]!.content));
    expect(catalog.connectors.map((connector) => connector.id)).toEqual(['acme-edr', 'legacy-mail']);
    const page = files.find((file) => file.path.endsWith('acme-edr.md'))!.content;
    expect(page).toMatch(/\| `containHost` +\| contain +\|/);
    expect(page).toContain('https://docs.acme-edr.example/api/limits#containment');
    const html = files[2]!.content;
    expect(html).toContain('<script type="application/json" id="catalog-data">');
    // Catalog text never closes the data element early.
    expect(html.split('</script>')).toHaveLength(3);
    // The page script compiles (a redeclared const once broke it; the browser test runs it, this catches it early).
    const pageScript = html.split('<script>')[1]!.split('</script>')[0]!;
    expect(() => new Script(pageScript)).not.toThrow();
  });

  it('keeps the checked-in docs/connectors/catalog.json in the catalog schema', async () => {
    const file = path.resolve(testDirectory, '../../../docs/connectors/catalog.json');
    const catalog = ConnectorCatalog.parse(JSON.parse(await readFile(file, 'utf8')));
    expect(catalog.connectors.length).toBeGreaterThanOrEqual(15);
    for (const connector of catalog.connectors) {
      for (const tool of connector.tools)
        expect(tool.description.length, `${connector.id}.${tool.name}`).toBeGreaterThan(10);
    }
  });
});
