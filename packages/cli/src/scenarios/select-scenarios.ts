import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import { loadScenario, type Scenario, shippedScenarios, shippedScenariosDirectory } from '@rampart/sandbox';
import { UsageError } from '../usage.js';

const scenarioExtensions = new Set(['.yaml', '.yml', '.json']);

function isPath(name: string): boolean {
  return name.includes('/') || name.includes('\\') || scenarioExtensions.has(extname(name)) || existsSync(name);
}

/**
 * The scenarios a command was given: scenario files by path, shipped scenarios by id, or (given nothing) every
 * scenario `@rampart/sandbox` ships. A name that is neither is a usage error that lists the shipped ids.
 */
export async function selectScenarios(names: readonly string[]): Promise<Scenario[]> {
  const needsShipped = names.length === 0 || names.some((name) => !isPath(name));
  const shipped = needsShipped ? await shippedScenarios() : [];
  if (names.length === 0) {
    if (shipped.length === 0) {
      throw new UsageError(`@rampart/sandbox ships no scenarios (looked in ${shippedScenariosDirectory()})`);
    }
    return shipped;
  }
  const selected: Scenario[] = [];
  for (const name of names) {
    if (isPath(name)) {
      if (!existsSync(name)) throw new UsageError(`no scenario file at ${name}`);
      selected.push(await loadScenario(name));
      continue;
    }
    const found = shipped.find((scenario) => scenario.id === name);
    if (found === undefined) {
      const ids = shipped.map((scenario) => scenario.id);
      throw new UsageError(
        `no shipped scenario "${name}" (${ids.length > 0 ? `shipped: ${ids.join(', ')}` : 'none are shipped'}; or give a scenario file path)`,
      );
    }
    selected.push(found);
  }
  return selected;
}
