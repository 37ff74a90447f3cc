import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkConnectors } from './check-connectors.js';

let root: string;

function write(path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

/**
 * A repository with a base tsconfig and two connectors, each with its own tsconfig (as codegen writes it) and a
 * test and a fixture beside its sources.
 */
function repository(): { integrationsDir: string; repositoryDir: string } {
  root = mkdtempSync(join(tmpdir(), 'connector-types-'));
  write(
    'tsconfig.base.json',
    JSON.stringify({ compilerOptions: { strict: true, module: 'ESNext', moduleResolution: 'Bundler', types: [] } }),
  );
  for (const id of ['alpha', 'beta']) {
    write(`packages/integrations/${id}/package.json`, '{}');
    write(`packages/integrations/${id}/tsconfig.json`, connectorTsconfig);
    write(`packages/integrations/${id}/src/index.ts`, `export { lookup } from './generated/lookup.js';\n`);
    write(
      `packages/integrations/${id}/src/generated/lookup.ts`,
      `export function lookup(name: string): { name: string; id: '${id}' } {\n  return { name, id: '${id}' };\n}\n`,
    );
    write(`packages/integrations/${id}/src/index.test.ts`, `import { lookup } from './index.js';\nlookup('x');\n`);
    write(`packages/integrations/${id}/src/__fixtures__/sample.ts`, 'export const sample = 1;\n');
  }
  return { integrationsDir: join(root, 'packages/integrations'), repositoryDir: root };
}

const connectorTsconfig = JSON.stringify({
  extends: '../../../tsconfig.base.json',
  compilerOptions: { customConditions: [] },
  include: ['src', 'test', '*.config.ts'],
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('checkConnectors', () => {
  it("writes each connector's source declarations to its types folder, without tests or fixtures", () => {
    const options = repository();
    write('packages/integrations/alpha/types/removed.d.ts', 'export {};\n');

    const result = checkConnectors(options);

    expect(result.errors).toEqual([]);
    expect(result.connectors).toBe(2);
    expect(result.written).toEqual([
      'alpha/types/generated/lookup.d.ts',
      'alpha/types/index.d.ts',
      'beta/types/generated/lookup.d.ts',
      'beta/types/index.d.ts',
    ]);
    expect(readFileSync(join(options.integrationsDir, 'beta/types/generated/lookup.d.ts'), 'utf8')).toContain(
      "export declare function lookup(name: string): {\n    name: string;\n    id: 'beta';\n};",
    );
    // A declaration whose source is gone does not linger.
    expect(existsSync(join(options.integrationsDir, 'alpha/types/removed.d.ts'))).toBe(false);
    expect(existsSync(join(root, '.declarations'))).toBe(false);
  });

  it('reports a type error in any connector file, tests included, by file and line, and writes nothing', () => {
    const options = repository();
    write('packages/integrations/alpha/types/index.d.ts', 'export declare const kept: 1;\n');
    write('packages/integrations/beta/src/index.test.ts', "import { lookup } from './index.js';\nlookup(42);\n");

    const result = checkConnectors(options);

    expect(result.written).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(/beta\/src\/index\.test\.ts\(2,8\): error TS2345: Argument of type 'number'/);
    expect(readFileSync(join(options.integrationsDir, 'alpha/types/index.d.ts'), 'utf8')).toContain('kept');
    expect(existsSync(join(options.integrationsDir, 'beta/types'))).toBe(false);
  });

  it('refuses connectors whose tsconfigs differ in options, naming them, and writes nothing', () => {
    const options = repository();
    write(
      'packages/integrations/beta/tsconfig.json',
      JSON.stringify({ extends: '../../../tsconfig.base.json', compilerOptions: { strict: false }, include: ['src'] }),
    );

    const result = checkConnectors(options);

    expect(result.written).toEqual([]);
    expect(result.errors).toEqual([
      expect.stringMatching(/^tsconfig\.json of beta: compiler options differ from alpha's/),
    ]);
    expect(existsSync(join(options.integrationsDir, 'alpha/types'))).toBe(false);
  });
});
