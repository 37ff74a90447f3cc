import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkspaceVersions } from '../src/emit/package-files.js';
import { type GeneratedFile, renderConnector } from '../src/generate.js';
import { loadManifest } from '../src/manifest.js';
import { refreshSpec } from '../src/refresh.js';
import type { IntermediateSpec } from '../src/spec/intermediate.js';

export const testDirectory = path.dirname(fileURLToPath(import.meta.url));
export const fixtureNames = ['acme-edr', 'legacy-mail', 'aws-json-vault'] as const;

/** Fixed, so goldens do not change when the workspace's versions do. */
export const fixtureVersions: WorkspaceVersions = {
  core: '0.1.0',
  connectorKit: '0.1.0',
  zod: '^4.6.0',
  awsSignatureV4: '^5.7.5',
};

/** Extracts a fixture's spec from its vendor document and renders every file, as `refresh-spec` + `generate` do. */
export async function renderFixture(name: string): Promise<{ spec: GeneratedFile; files: GeneratedFile[] }> {
  const directory = path.join(testDirectory, 'fixtures', name);
  const { manifest } = await loadManifest(directory);
  const spec = await refreshSpec(manifest, directory);
  const files = await renderConnector({
    manifest,
    spec: JSON.parse(spec.content) as IntermediateSpec,
    versions: fixtureVersions,
  });
  return { spec, files };
}
