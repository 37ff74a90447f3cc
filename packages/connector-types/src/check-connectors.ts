import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import ts from 'typescript';

export interface CheckConnectorsOptions {
  /** The folder holding one folder per connector (`packages/integrations`). */
  integrationsDir: string;
  /** The folder holding everything the connectors' programs read, their config files' imports included. */
  repositoryDir: string;
}

export interface CheckConnectorsResult {
  connectors: number;
  /** Type errors, formatted with file, line and column; declarations are written only when there are none. */
  errors: string[];
  /** Declaration files written, relative to `integrationsDir`. */
  written: string[];
}

/** Where a connector's declarations go: beside `dist/`, which the connector's own build (tsup) cleans. */
const declarationsFolder = 'types';
const testFile = /\.test\.ts$/;
const emitFolder = '.declarations';

/**
 * Type-checks every connector in one TypeScript program — the files and compiler options of each connector's own
 * (generated) `tsconfig.json` — then writes the declarations of each connector's sources (tests and fixtures left
 * out) to its `types/` folder, replacing what was there. One program loads zod's, the kit's and core's declarations
 * once instead of once per connector. Connectors whose tsconfigs differ in options cannot share a program: that is
 * reported as an error naming them.
 */
export function checkConnectors(options: CheckConnectorsOptions): CheckConnectorsResult {
  const { integrationsDir, repositoryDir } = options;
  const connectors = readdirSync(integrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(integrationsDir, entry.name, 'package.json')))
    .map((entry) => entry.name);
  const configs = connectors.map((id) => connectorConfig(join(integrationsDir, id, 'tsconfig.json')));
  const connectorOptions = configs.map((config) => withoutOrigin(config.options));
  const shared = JSON.stringify(connectorOptions[0]);
  const differing = connectors.filter((_id, index) => JSON.stringify(connectorOptions[index]) !== shared);
  if (differing.length > 0) {
    const error = `tsconfig.json of ${differing.join(', ')}: compiler options differ from ${connectors[0]}'s, so they cannot be checked in one program (regenerate with \`npm run generate\`)`;
    return { connectors: connectors.length, errors: [error], written: [] };
  }
  const compilerOptions: ts.CompilerOptions = {
    ...connectorOptions[0],
    noEmit: false,
    declaration: true,
    emitDeclarationOnly: true,
    declarationMap: false,
    sourceMap: false,
    rootDir: repositoryDir,
    // Never written to: every declaration is redirected to its connector's folder. (The integrations folder
    // itself cannot be the output folder: the compiler leaves files under its output folder out of the program.)
    outDir: join(repositoryDir, emitFolder),
  };
  const program = ts.createProgram({
    rootNames: configs.flatMap((config) => config.fileNames),
    options: compilerOptions,
  });
  const diagnostics = [
    ...configs.flatMap((config) => config.errors),
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

/** A connector's tsconfig, read as `tsc -p` would; a file that cannot be read throws, naming it. */
function connectorConfig(path: string): ts.ParsedCommandLine {
  const parsed = ts.getParsedCommandLineOfConfigFile(path, undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(`${path}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
    },
  });
  if (parsed === undefined) throw new Error(`${path}: cannot be read`);
  return parsed;
}

/** Compiler options apart from the config file they were read from, which differs for every connector. */
function withoutOrigin(options: ts.CompilerOptions): ts.CompilerOptions {
  const { configFilePath: _origin, ...rest } = options;
  return rest;
}

/** `.declarations/…/<id>/src/<rest>.d.ts` (as the compiler names it) → `<id>/types/<rest>.d.ts`. */
function declarationPath(options: CheckConnectorsOptions, fileName: string): string {
  const besideSource = join(options.repositoryDir, relative(join(options.repositoryDir, emitFolder), fileName));
  const [id, _src, ...rest] = relative(options.integrationsDir, besideSource).split(sep);
  return join(options.integrationsDir, id!, declarationsFolder, ...rest);
}
