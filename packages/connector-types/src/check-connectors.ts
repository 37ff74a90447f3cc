import { readdirSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import ts from 'typescript';

export interface CheckConnectorsOptions {
  /** The folder holding one folder per connector (`packages/integrations`). */
  integrationsDir: string;
  /** The tsconfig every connector's own tsconfig extends. */
  baseTsconfig: string;
}

export interface CheckConnectorsResult {
  connectors: number;
  /** Type errors, formatted with file, line and column; declarations are written only when there are none. */
  errors: string[];
  /** Declaration files written, relative to `integrationsDir`. */
  written: string[];
}

/** Where a connector's declarations go: beside `dist/`, which the connector's own build (tsup) cleans. */
export const declarationsFolder = 'types';

const testFile = /\.test\.ts$/;
const emitFolder = '.declarations';

/**
 * Type-checks every connector's sources, tests and config files in one TypeScript program, then writes the
 * declarations of each connector's sources (tests and fixtures left out) to its `types/` folder, replacing what
 * was there. One program loads zod's, the kit's and core's declarations once instead of once per connector.
 * Connectors resolve core and the kit to their built declarations, as each connector's own tsconfig does.
 */
export function checkConnectors(options: CheckConnectorsOptions): CheckConnectorsResult {
  const { integrationsDir } = options;
  const connectors = readdirSync(integrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(integrationsDir, entry.name, 'package.json')))
    .map((entry) => entry.name);
  const parsed = ts.parseJsonConfigFileContent(
    {
      extends: options.baseTsconfig,
      compilerOptions: {
        customConditions: [],
        noEmit: false,
        declaration: true,
        emitDeclarationOnly: true,
        declarationMap: false,
        sourceMap: false,
        // The folder of the base tsconfig holds everything the program reads, config files' imports included.
        rootDir: dirname(options.baseTsconfig),
        // Never written to: every declaration is redirected to its connector's folder. (The integrations folder
        // itself cannot be the output folder: the compiler leaves files under its output folder out of the program.)
        outDir: join(dirname(options.baseTsconfig), emitFolder),
      },
      include: connectors.flatMap((id) => [`${id}/src`, `${id}/test`, `${id}/*.config.ts`]),
    },
    ts.sys,
    integrationsDir,
  );
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...program.getSyntacticDiagnostics(),
    ...program.getSemanticDiagnostics(),
  ];

  // Emitted in memory first: a failed check writes nothing.
  const declarations = new Map<string, string>();
  for (const sourceFile of program.getSourceFiles()) {
    if (!isConnectorSource(integrationsDir, sourceFile.fileName)) continue;
    const emitted = program.emit(
      sourceFile,
      (fileName, text) => declarations.set(declarationPath(options, fileName), text),
      undefined,
      true,
    );
    diagnostics.push(...emitted.diagnostics);
  }
  const host: ts.FormatDiagnosticsHost = {
    getCanonicalFileName: (fileName) => fileName,
    getCurrentDirectory: () => integrationsDir,
    getNewLine: () => '\n',
  };
  const errors = diagnostics
    .filter((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error)
    .map((diagnostic) => ts.formatDiagnostic(diagnostic, host).trimEnd());
  if (errors.length > 0) return { connectors: connectors.length, errors, written: [] };

  for (const id of connectors) rmSync(join(integrationsDir, id, declarationsFolder), { recursive: true, force: true });
  const written: string[] = [];
  for (const [path, text] of declarations) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    written.push(relative(integrationsDir, path));
  }
  return { connectors: connectors.length, errors, written: written.sort() };
}

/** A connector's own source file that ships: under `<id>/src/`, not a test, a fixture or a declaration. */
function isConnectorSource(integrationsDir: string, fileName: string): boolean {
  const path = relative(integrationsDir, fileName).split(sep).join('/');
  const parts = path.split('/');
  return (
    !path.startsWith('..') &&
    parts[1] === 'src' &&
    !parts.includes('__fixtures__') &&
    !fileName.endsWith('.d.ts') &&
    !testFile.test(fileName)
  );
}

/** `.declarations/…/<id>/src/<rest>.d.ts` (as the compiler names it) → `<id>/types/<rest>.d.ts`. */
function declarationPath(options: CheckConnectorsOptions, fileName: string): string {
  const root = dirname(options.baseTsconfig);
  const besideSource = join(root, relative(join(root, emitFolder), fileName));
  const [id, _src, ...rest] = relative(options.integrationsDir, besideSource).split(sep);
  return join(options.integrationsDir, id!, declarationsFolder, ...rest);
}
