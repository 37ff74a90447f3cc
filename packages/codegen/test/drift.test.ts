import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findToolDrift, formatDriftReport } from '../src/drift.js';
import { loadManifest } from '../src/manifest.js';
import { refreshSpec } from '../src/refresh.js';
import type { IntermediateSpec } from '../src/spec/intermediate.js';
import { loadSourceDocument, parseDocumentText } from '../src/spec/load-document.js';
import { testDirectory } from './fixtures.js';

/**
 * The drift report of the acme-edr fixture against a later release of its spec (test/fixtures/drift): one tool's
 * operation removed, one renamed, one moved, two changed in input or output, one untouched. The text report is
 * a golden file (UPDATE_GOLDEN=1 to accept a change).
 */
const update = process.env.UPDATE_GOLDEN === '1';
const fixture = path.join(testDirectory, 'fixtures', 'acme-edr');
const newSpecFile = path.join(testDirectory, 'fixtures', 'drift', 'acme-edr-v4.yaml');

async function currentState() {
  const { manifest } = await loadManifest(fixture);
  const spec = JSON.parse((await refreshSpec(manifest, fixture)).content) as IntermediateSpec;
  return { manifest, spec };
}

describe('drift report', () => {
  it('names the removed, renamed, moved and changed tools of a new spec, as in its golden file', async () => {
    const { manifest, spec } = await currentState();
    const document = parseDocumentText(await readFile(newSpecFile, 'utf8'), newSpecFile);
    const report = findToolDrift(manifest, spec, document);
    const text = formatDriftReport(report, 'test/fixtures/drift/acme-edr-v4.yaml');
    const golden = path.join(testDirectory, 'golden', 'drift', 'acme-edr-v4.txt.golden');
    if (update) {
      await mkdir(path.dirname(golden), { recursive: true });
      await writeFile(golden, text);
    }
    expect(text).toBe(await readFile(golden, 'utf8'));
    expect(Object.fromEntries(report.drifted.map((entry) => [entry.tool, entry.kind]))).toEqual({
      removeHost: 'removed',
      getHost: 'renamed',
      containHost: 'moved',
      listHosts: 'changed',
      // Its detections embed the Host schema, whose fields changed.
      searchDetections: 'changed',
    });
    expect(report.drifted.find((entry) => entry.tool === 'getHost')?.renamedTo).toBe('getHostById');
    expect(report.unchanged).toEqual(['replacePolicies']);
  });

  it('reports nothing when the document is the one the spec was extracted from', async () => {
    const { manifest, spec } = await currentState();
    const report = findToolDrift(manifest, spec, await loadSourceDocument(manifest.spec, fixture));
    expect(report.drifted).toEqual([]);
    expect(report.unchanged).toHaveLength(manifest.operations.length);
    expect(formatDriftReport(report, 'same')).toContain('0 of 6 tool(s) drifted.');
  });
});
