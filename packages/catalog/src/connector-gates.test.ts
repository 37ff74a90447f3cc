import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultRisk } from '@rampart/codegen';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * The gates every connector of the catalog must pass (issue #6), checked on the hand-written manifests, not on
 * generated output, so a connector cannot pass by what the generator filled in for it: every operation that is not
 * an HTTP read carries a risk a person chose, every tool a description a person wrote for a model (not the
 * vendor's summary), every quota and auth method the vendor page it came from, and every package its generated
 * contract test. The generated catalog must list exactly the packages that exist.
 */
const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const integrationsDirectory = path.join(repositoryRoot, 'packages/integrations');
const minimumDescriptionLength = 40;

interface ManifestOperation {
  select: string;
  name?: string;
  description?: string;
  risk?: string;
}

interface Manifest {
  id: string;
  auth?: { id: string; documentation?: string }[];
  quotas?: { id: string; source?: string }[];
  operations: ManifestOperation[];
}

interface SpecOperation {
  operationId?: string;
  method: string;
  path: string;
  summary?: string;
  description?: string;
}

interface CatalogFile {
  connectors: { id: string; tools: { name: string }[] }[];
}

const connectorIds = readdirSync(integrationsDirectory, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(path.join(integrationsDirectory, entry.name, 'manifest.yaml')))
  .map((entry) => entry.name)
  .sort();

function readConnector(id: string) {
  const directory = path.join(integrationsDirectory, id);
  const manifest = parse(readFileSync(path.join(directory, 'manifest.yaml'), 'utf8')) as Manifest;
  const spec = JSON.parse(readFileSync(path.join(directory, 'spec/operations.json'), 'utf8')) as {
    operations: SpecOperation[];
  };
  return { directory, manifest, specOperations: spec.operations };
}

/** The spec operation a manifest entry selects: by operationId, or by `METHOD /path`. */
function selected(select: string, operations: readonly SpecOperation[]): SpecOperation | undefined {
  return operations.find(
    (operation) => operation.operationId === select || `${operation.method.toUpperCase()} ${operation.path}` === select,
  );
}

const isWebAddress = (value: unknown) => typeof value === 'string' && /^https?:\/\/[^\s/]+\.[^\s]+/.test(value);
const normalized = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ').trim().toLowerCase();

describe('connector gates', () => {
  it('holds at least the 150 connectors issue #6 promised (the road goes to 500)', () => {
    expect(connectorIds.length).toBeGreaterThanOrEqual(150);
  });

  it('the generated catalog lists exactly the connector packages that exist', () => {
    const catalog = JSON.parse(
      readFileSync(path.join(repositoryRoot, 'docs/connectors/catalog.json'), 'utf8'),
    ) as CatalogFile;
    expect(catalog.connectors.map((connector) => connector.id).sort()).toEqual(connectorIds);
  });

  describe.each(connectorIds)('%s', (id) => {
    // Read when a test runs, so one connector's missing file fails its own tests, not the whole file.
    let connector: ReturnType<typeof readConnector> | undefined;
    const read = () => {
      connector ??= readConnector(id);
      return connector;
    };

    it('has a generated contract test', () => {
      expect(existsSync(path.join(read().directory, 'src/generated/contract.test.ts'))).toBe(true);
    });

    it('cites the vendor page of every auth method and every quota', () => {
      const { manifest } = read();
      const uncited = [
        ...(manifest.auth ?? []).filter((auth) => !isWebAddress(auth.documentation)).map((auth) => `auth ${auth.id}`),
        ...(manifest.quotas ?? []).filter((quota) => !isWebAddress(quota.source)).map((quota) => `quota ${quota.id}`),
      ];
      expect(uncited).toEqual([]);
    });

    it('gives every operation that changes state a reviewed risk', () => {
      const { manifest, specOperations } = read();
      const unreviewed = manifest.operations
        .filter((entry) => {
          const operation = selected(entry.select, specOperations);
          if (operation === undefined) throw new Error(`${id}: "${entry.select}" is not in spec/operations.json`);
          return defaultRisk(operation.method) !== 'read' && entry.risk === undefined;
        })
        .map((entry) => entry.name ?? entry.select);
      expect(unreviewed).toEqual([]);
    });

    it("describes every tool in its own words, not the vendor's", () => {
      const { manifest, specOperations } = read();
      const poor = manifest.operations
        .filter((entry) => {
          const description = normalized(entry.description);
          const operation = selected(entry.select, specOperations);
          const vendorTexts = [normalized(operation?.summary), normalized(operation?.description)];
          return description.length < minimumDescriptionLength || vendorTexts.includes(description);
        })
        .map((entry) => entry.name ?? entry.select);
      expect(poor).toEqual([]);
    });
  });
});
