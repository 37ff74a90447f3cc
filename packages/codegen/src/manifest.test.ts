import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CodegenError } from './errors.js';
import { type ConnectorManifestInput, loadManifest, parseManifest } from './manifest.js';

const valid: ConnectorManifestInput = {
  id: 'okta',
  vendor: 'Okta',
  product: 'Workforce Identity',
  categories: ['iam'],
  spec: { openapiDirectory: 'okta.local.json' },
  baseUrl: 'https://{domain}',
  baseUrlVariables: { domain: { description: 'Okta org domain', example: 'acme.okta.com' } },
  auth: [{ type: 'ssws', id: 'ssws', description: 'API token', documentation: 'https://developer.okta.com/x' }],
  quotas: [
    {
      id: 'users',
      scope: 'org',
      limit: 600,
      windowMs: 60_000,
      description: 'Users API',
      source: 'https://developer.okta.com/docs/reference/rl-global-mgmt/',
    },
  ],
  operations: [{ select: 'suspendUser', risk: 'contain', quota: 'users' }],
  documentation: { apiReference: 'https://developer.okta.com/docs/api/' },
};

function issuesOf(value: unknown): string[] {
  try {
    parseManifest(value, 'manifest.yaml');
  } catch (error) {
    if (CodegenError.isInstance(error)) return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
    throw error;
  }
  return [];
}

describe('connector manifest', () => {
  it('accepts a valid manifest and fills defaults', () => {
    const manifest = parseManifest(valid);
    expect(manifest.version).toBe('0.1.0');
    expect(manifest.operations[0]?.deprecatedAliases).toEqual([]);
  });

  it('names the path of every problem at once', () => {
    const issues = issuesOf({
      ...valid,
      id: 'Okta Connector',
      categories: ['identity'],
      operations: [{ select: 'suspendUser', risk: 'dangerous', name: 'Suspend-User', riks: 'read' }],
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^id: must be kebab-case/),
        expect.stringMatching(/^categories\[0\]: Invalid option/),
        expect.stringMatching(/^operations\[0\]: Unrecognized key: "riks"/),
        expect.stringMatching(/^operations\[0\]\.name: must be camelCase/),
        expect.stringMatching(
          /^operations\[0\]\.risk: Invalid option: expected one of "read"\|"write"\|"contain"\|"destructive"/,
        ),
      ]),
    );
  });

  it('requires every quota to cite its source', () => {
    const { source: _source, ...withoutSource } = valid.quotas![0]!;
    expect(issuesOf({ ...valid, quotas: [withoutSource] })).toEqual([expect.stringMatching(/^quotas\[0\]\.source: /)]);
    expect(issuesOf({ ...valid, quotas: [{ ...valid.quotas![0]!, source: 'the docs' }] })).toEqual([
      'quotas[0].source: must be an http(s) URL',
    ]);
  });

  it('checks references between sections', () => {
    expect(issuesOf({ ...valid, operations: [{ select: 'x', quota: 'logs' }] })).toEqual([
      'operations[0].quota: names quota "logs", which quotas does not declare (declared: users)',
    ]);
    expect(issuesOf({ ...valid, baseUrl: 'https://{subdomain}.okta.com' })).toEqual([
      'baseUrl: uses {subdomain}, which baseUrlVariables does not declare',
      'baseUrlVariables.domain: is declared but baseUrl does not use {domain}',
    ]);
  });

  it('rejects tool names and aliases used twice', () => {
    const issues = issuesOf({
      ...valid,
      operations: [
        { select: 'a', name: 'suspendUser' },
        { select: 'b', name: 'lockUser', deprecatedAliases: ['suspendUser'] },
        { select: 'c', name: 'clearSessions', deprecatedAliases: ['clearSessions'] },
      ],
    });
    expect(issues).toEqual([
      'operations[1]: tool name "suspendUser" is already used by operations[0] (a)',
      'operations[2].deprecatedAliases[0]: "clearSessions" is the tool\'s current name',
      'operations[2]: tool name "clearSessions" is already used by operations[2] (c)',
    ]);
  });

  it('accepts either spec source, and nothing else', () => {
    expect(
      issuesOf({ ...valid, spec: { file: 'specs/okta.yaml', source: 'https://developer.okta.com/docs/api/' } }),
    ).toEqual([]);
    expect(issuesOf({ ...valid, spec: { file: 'specs/okta.yaml' } })).not.toEqual([]);
    expect(issuesOf({ ...valid, spec: { url: 'https://x.example/spec.json' } })).not.toEqual([]);
  });

  it('loads a manifest.ts that default-exports its manifest', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'rampart-manifest-'));
    await writeFile(path.join(directory, 'manifest.ts'), `export default ${JSON.stringify(valid)};\n`);
    const { manifest, file } = await loadManifest(directory);
    expect(file.endsWith('manifest.ts')).toBe(true);
    expect(manifest.operations[0]?.risk).toBe('contain');
  });

  it('loads YAML from a connector directory and reports where it failed', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'rampart-manifest-'));
    await writeFile(path.join(directory, 'manifest.yaml'), 'id: okta\nvendor: Okta\n');
    await expect(loadManifest(directory)).rejects.toThrow(
      /manifest\.yaml is not a valid connector manifest:\n {2}product: /,
    );
    await expect(loadManifest(path.join(directory, 'missing'))).rejects.toThrow(/has no manifest\.yaml/);
  });
});
