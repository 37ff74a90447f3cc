import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ErrorLocation, issuesOf, ValidationError } from '@rampart/core';
import { type Document, isNode, LineCounter, parseDocument } from 'yaml';
import { Scenario } from './scenario.js';

/**
 * Reading scenarios from YAML or JSON. Every problem is a `ValidationError` whose issues name the path in the file
 * (`alerts[2].connector`) and, for YAML and JSON text, its line and column.
 */

/** Parses a scenario already read into a value (e.g. `JSON.parse` output). */
export function parseScenario(value: unknown, source = 'scenario'): Scenario {
  const result = Scenario.safeParse(value);
  if (result.success) return result.data;
  throw new ValidationError(source, issuesOf(result.error), { cause: result.error });
}

/** The node at `path`, or the nearest ancestor that exists (a missing key is reported where its parent is). */
function locate(document: Document, lines: LineCounter, path: readonly PropertyKey[]): string | undefined {
  for (let length = path.length; length >= 0; length--) {
    const node = document.getIn(path.slice(0, length) as unknown[], true);
    if (isNode(node) && node.range) {
      const position = lines.linePos(node.range[0]);
      return `line ${position.line}:${position.col}`;
    }
  }
  return undefined;
}

/** Parses scenario text; YAML is a superset of JSON, so one parser serves both. */
export function parseScenarioText(text: string, source = 'scenario'): Scenario {
  const lines = new LineCounter();
  // `merge` lets scenario authors reuse a native alert with YAML merge keys (`<<: *base`).
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, merge: true });
  if (document.errors.length > 0) {
    throw new ValidationError(
      source,
      document.errors.map((error) => {
        const position = lines.linePos(error.pos[0]);
        return {
          path: '',
          message: `${error.message.split('\n')[0]} (line ${position.line}:${position.col})`,
          code: error.code,
        };
      }),
    );
  }
  const result = Scenario.safeParse(document.toJS({ maxAliasCount: 100 }));
  if (result.success) return result.data;
  const issues: ErrorLocation[] = issuesOf(result.error).map((issue, index) => {
    const where = locate(document, lines, result.error.issues[index]!.path);
    return where === undefined ? issue : { ...issue, message: `${issue.message} (${where})` };
  });
  throw new ValidationError(source, issues, { cause: result.error });
}

/** Reads and parses one scenario file (`.yaml`, `.yml` or `.json`). */
export async function loadScenario(path: string): Promise<Scenario> {
  const text = await readFile(path, 'utf8');
  return parseScenarioText(text, `scenario ${path}`);
}

const scenarioExtensions = new Set(['.yaml', '.yml', '.json']);

/** Every scenario file of a directory, in file-name order. Ids must be unique. */
export async function loadScenarios(directory: string): Promise<Scenario[]> {
  const names = (await readdir(directory)).filter((name) => scenarioExtensions.has(extname(name))).sort();
  const scenarios: Scenario[] = [];
  const ids = new Map<string, string>();
  for (const name of names) {
    const scenario = await loadScenario(join(directory, name));
    const other = ids.get(scenario.id);
    if (other !== undefined) {
      throw new ValidationError(`scenario ${join(directory, name)}`, [
        { path: 'id', message: `"${scenario.id}" is also the id of ${other}` },
      ]);
    }
    ids.set(scenario.id, name);
    scenarios.push(scenario);
  }
  return scenarios;
}

/** The directory of the scenarios this package ships, found from this module (source or build). */
export function shippedScenariosDirectory(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 4; depth++) {
    const candidate = join(directory, 'scenarios');
    if (existsSync(join(directory, 'package.json')) && existsSync(candidate)) return candidate;
    directory = dirname(directory);
  }
  throw new Error('The @rampart/sandbox scenarios directory was not found next to its package.json');
}

/** The scenarios this package ships (`scenarios/*.yaml`). */
export function shippedScenarios(): Promise<Scenario[]> {
  return loadScenarios(shippedScenariosDirectory());
}
