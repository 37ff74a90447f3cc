import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../src/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `rampart <argv>` in this process, capturing what it writes. */
export async function run(...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(
    argv,
    (text) => {
      stdout += text;
    },
    (text) => {
      stderr += text;
    },
  );
  return { code, stdout, stderr };
}

/** This package's test scenarios (`test/scenarios/<name>.yaml`); the shipped ones belong to @rampart/sandbox. */
export const scenarioFile = (name: string) => fileURLToPath(new URL(`./scenarios/${name}.yaml`, import.meta.url));

/** Native vendor alerts for triage (`test/alerts/<name>`). */
export const alertsFile = (name: string) => fileURLToPath(new URL(`./alerts/${name}`, import.meta.url));

export const temporaryDirectory = () => mkdtempSync(join(tmpdir(), 'rampart-cli-'));

/** The path of `src/bin.ts`, for spawning the CLI from source. */
export const binSource = fileURLToPath(new URL('../src/bin.ts', import.meta.url));
