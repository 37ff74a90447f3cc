import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type CatalogConnector, catalogEntry } from './catalog/catalog-entry.js';
import { emitConnectorFile } from './emit/connector-file.js';
import { emitContractTest } from './emit/contract-test-file.js';
import { generatedHeader } from './emit/header.js';
import { emitMocksFile } from './emit/mocks-file.js';
import {
  emitGeneratedReadme,
  emitPackageJson,
  emitTsconfig,
  emitTsupConfig,
  emitTurboJson,
  emitVitestConfig,
  type WorkspaceVersions,
} from './emit/package-files.js';
import { emitReadme } from './emit/readme-file.js';
import { emitSchemasFile } from './emit/schemas-file.js';
import { emitOperationsFile } from './emit/operations-file.js';
import { emitTypes } from './emit/typescript-types.js';
import { CodegenError } from './errors.js';
import { type ConnectorManifest, loadManifest } from './manifest.js';
import { planTools } from './plan.js';
import { awsJsonWireSpec } from './spec/aws-json.js';
import { type IntermediateSpec, IntermediateSpecShape } from './spec/intermediate.js';
import { describeSource } from './spec/load-document.js';

/** A file the generator owns, by path relative to the connector directory. */
export interface GeneratedFile {
  path: string;
  content: string;
}

export const intermediateSpecPath = 'spec/operations.json';
export const generatedDirectory = 'src/generated';

export async function readIntermediateSpec(connectorDirectory: string): Promise<IntermediateSpec> {
  const file = path.join(connectorDirectory, intermediateSpecPath);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new CodegenError(
      `${file} does not exist yet: run \`rampart-codegen refresh-spec ${connectorDirectory}\` to extract it`,
    );
  }
  const value = JSON.parse(text) as unknown;
  const result = IntermediateSpecShape.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new CodegenError(`${file} is malformed (was it edited by hand?):\n  ${issues.join('\n  ')}`);
  }
  return value as IntermediateSpec;
}

function sameSource(manifest: ConnectorManifest, spec: IntermediateSpec): boolean {
  return JSON.stringify(manifest.spec) === JSON.stringify(spec.source);
}

/** Finds the workspace root (the package.json with `workspaces`) above a directory. */
export async function findRepositoryRoot(start: string): Promise<string> {
  let current = path.resolve(start);
  for (;;) {
    try {
      const packageJson = JSON.parse(await readFile(path.join(current, 'package.json'), 'utf8')) as {
        workspaces?: unknown;
      };
      if (packageJson.workspaces !== undefined) return current;
    } catch {
      // No package.json here; keep walking up.
    }
    const parent = path.dirname(current);
    if (parent === current) throw new CodegenError(`No npm workspace root above ${start}`);
    current = parent;
  }
}

export async function readWorkspaceVersions(repositoryRoot: string): Promise<WorkspaceVersions> {
  const read = async (name: string) =>
    JSON.parse(await readFile(path.join(repositoryRoot, 'packages', name, 'package.json'), 'utf8')) as {
      version: string;
      dependencies?: Record<string, string>;
      peerDependencies?: Record<string, string>;
    };
  const [core, kit] = await Promise.all([read('core'), read('connector-kit')]);
  return {
    core: core.version,
    connectorKit: kit.version,
    zod: core.dependencies?.zod ?? '^4.0.0',
    awsSignatureV4: kit.peerDependencies?.['@smithy/signature-v4'] ?? '^5.0.0',
  };
}

export interface GenerateInput {
  manifest: ConnectorManifest;
  spec: IntermediateSpec;
  versions: WorkspaceVersions;
}

/** Every file of a connector package that the generator owns, from the manifest and the intermediate spec. */
export async function renderConnector({
  manifest,
  spec: extracted,
  versions,
}: GenerateInput): Promise<GeneratedFile[]> {
  if (!sameSource(manifest, extracted)) {
    throw new CodegenError(
      `The manifest's spec source (${JSON.stringify(manifest.spec)}) differs from the one ${intermediateSpecPath} ` +
        `was extracted from (${JSON.stringify(extracted.source)}): run \`rampart-codegen refresh-spec\``,
    );
  }
  const spec = manifest.awsJsonVersion === undefined ? extracted : awsJsonWireSpec(extracted);
  const sourceLabel = describeSource(spec.source);
  const tools = planTools(manifest, spec);
  const schemas = emitSchemasFile(spec, tools, sourceLabel);
  const types = `${generatedHeader(sourceLabel)}${await emitTypes(spec)}`;
  const generated = (name: string) => `${generatedDirectory}/${name}`;
  return [
    { path: 'package.json', content: emitPackageJson(manifest, versions) },
    { path: 'tsconfig.json', content: emitTsconfig() },
    { path: 'tsup.config.ts', content: emitTsupConfig(sourceLabel) },
    { path: 'turbo.json', content: emitTurboJson() },
    { path: 'vitest.config.ts', content: emitVitestConfig(sourceLabel) },
    { path: 'README.md', content: emitReadme(manifest, tools, sourceLabel) },
    { path: generated('README.md'), content: emitGeneratedReadme(sourceLabel) },
    { path: generated('types.ts'), content: types },
    { path: generated('schemas.ts'), content: schemas.source },
    { path: generated('operations.ts'), content: emitOperationsFile(tools, sourceLabel) },
    { path: generated('connector.ts'), content: emitConnectorFile(manifest, sourceLabel) },
    { path: generated('mocks.ts'), content: emitMocksFile(manifest, spec, tools, sourceLabel) },
    { path: generated('contract.test.ts'), content: emitContractTest(manifest, spec, tools, sourceLabel) },
  ];
}

/** Reads a connector directory's manifest and intermediate spec and renders its files. */
export async function generateConnector(
  connectorDirectory: string,
  options: { versions?: WorkspaceVersions } = {},
): Promise<{ manifest: ConnectorManifest; files: GeneratedFile[]; catalog: CatalogConnector }> {
  const { manifest } = await loadManifest(connectorDirectory);
  const spec = await readIntermediateSpec(connectorDirectory);
  const versions = options.versions ?? (await readWorkspaceVersions(await findRepositoryRoot(connectorDirectory)));
  const files = await renderConnector({ manifest, spec, versions });
  return { manifest, files, catalog: catalogEntry(manifest, planTools(manifest, spec)) };
}
