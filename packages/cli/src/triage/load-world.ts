import { readFile } from 'node:fs/promises';
import { parseOrThrow, ValidationError } from '@rampart/core';
import { parseScenarioText, WorldSeed } from '@rampart/sandbox';
import { parse } from 'yaml';
import { UsageError } from '../usage.js';

export interface LoadedWorld {
  world: WorldSeed;
  /** The scenario's tenant, when the file is a scenario. */
  tenantId?: string;
  /** What the world came from, for people: `scenario mfa-fatigue (file.yaml)`, `world file.yaml`. */
  description: string;
}

/**
 * The world a triage run simulates: a scenario file's `world` (its alerts and ground truth are not used) or a bare
 * world seed, in YAML or JSON. Either is validated and errors name the path in the file.
 */
export async function loadWorld(file: string): Promise<LoadedWorld> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    throw new ValidationError(`world ${file}`, [
      { path: '', message: `not YAML or JSON (${(error as Error).message})` },
    ]);
  }
  if (typeof value === 'object' && value !== null && 'world' in value) {
    const scenario = parseScenarioText(text, `scenario ${file}`);
    return { world: scenario.world, tenantId: scenario.tenantId, description: `scenario ${scenario.id} (${file})` };
  }
  return { world: parseOrThrow(WorldSeed, value ?? {}, `world ${file}`), description: `world ${file}` };
}
