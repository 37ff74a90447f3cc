import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { fixtureNames, renderFixture, testDirectory } from './fixtures.js';

/**
 * The generated package of each fixture type-checks against the real @rampart/connector-kit and @rampart/core
 * (the Okta connector proves the same, and runs its contract tests, in its own workspace package).
 * Written under node_modules/.cache so module resolution finds the workspace packages and no tool lints it.
 */
const repositoryRoot = path.resolve(testDirectory, '../../..');

async function typeErrors(name: string): Promise<string[]> {
  const { files } = await renderFixture(name);
  const directory = path.join(repositoryRoot, 'node_modules', '.cache', 'rampart-codegen-test', name);
  await rm(directory, { recursive: true, force: true });
  const sources: string[] = [];
  for (const file of [...files, { path: 'src/index.ts', content: "export * from './generated/connector.js';\n" }]) {
    const target = path.join(directory, file.path);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.content);
    if (file.path.startsWith('src/') && file.path.endsWith('.ts')) sources.push(target);
  }
  const base = ts.readConfigFile(path.join(repositoryRoot, 'tsconfig.base.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(base.config, ts.sys, directory);
  const program = ts.createProgram(sources, { ...options, noEmit: true });
  const diagnostics = sources.flatMap((source) => {
    const file = program.getSourceFile(source);
    return file ? [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)] : [];
  });
  return diagnostics.map((diagnostic) => {
    const where = diagnostic.file
      ? `${path.relative(directory, diagnostic.file.fileName)}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1}`
      : '';
    return `${where} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
  });
}

describe.each(fixtureNames)('generated package of %s', (name) => {
  it('type-checks against the connector kit and core', { timeout: 120_000 }, async () => {
    expect(await typeErrors(name)).toEqual([]);
  });
});
