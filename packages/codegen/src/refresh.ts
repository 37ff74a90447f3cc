import type { GeneratedFile } from './generate.js';
import { intermediateSpecPath } from './generate.js';
import type { ConnectorManifest } from './manifest.js';
import { extractSpec } from './spec/extract.js';
import type { IntermediateSpec } from './spec/intermediate.js';
import { loadSourceDocument } from './spec/load-document.js';

/** Stable JSON for checked-in files: two-space indent, trailing newline. */
export function serializeSpec(spec: IntermediateSpec): string {
  return `${JSON.stringify(spec, null, 2)}\n`;
}

/** Re-extracts `spec/operations.json` from the vendor document the manifest names. */
export async function refreshSpec(manifest: ConnectorManifest, connectorDirectory: string): Promise<GeneratedFile> {
  const document = await loadSourceDocument(manifest.spec, connectorDirectory);
  const spec = extractSpec(document, {
    source: manifest.spec,
    select: manifest.operations.map((operation) => operation.select),
  });
  return { path: intermediateSpecPath, content: serializeSpec(spec) };
}
