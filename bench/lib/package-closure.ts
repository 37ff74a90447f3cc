import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';

/**
 * Installed size of a package and its production dependency closure: each dependency is resolved the way Node
 * resolves it (the nearest `node_modules/<name>` walking up from the dependent), and each package directory is
 * counted once. A workspace package counts what `npm pack` would publish (its `files`), not its work tree.
 */

export interface InstalledPackage {
  name: string;
  version: string;
  directory: string;
  bytes: number;
  files: number;
  /** Production dependencies (and installed optional or required peer ones), resolved. */
  dependencies: string[];
}

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

function readManifest(directory: string): Manifest {
  return JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as Manifest;
}

/** The directory Node would load `name` from when required by code in `fromDirectory`. */
export function resolvePackageDirectory(name: string, fromDirectory: string): string | undefined {
  let directory = fromDirectory;
  for (;;) {
    const candidate = join(directory, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

function directorySize(directory: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    // Nested node_modules hold other packages; they are counted when the closure reaches them.
    if (entry.name === 'node_modules') continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      const inner = directorySize(path);
      bytes += inner.bytes;
      files += inner.files;
    } else if (entry.isFile()) {
      bytes += lstatSync(path).size;
      files++;
    }
  }
  return { bytes, files };
}

function publishedSize(directory: string): { bytes: number; files: number } {
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: directory,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const [packed] = JSON.parse(output) as { unpackedSize: number; entryCount: number }[];
  return { bytes: packed!.unpackedSize, files: packed!.entryCount };
}

const described = new Map<string, InstalledPackage>();

function describe(directory: string): InstalledPackage {
  const cached = described.get(directory);
  if (cached !== undefined) return cached;
  const manifest = readManifest(directory);
  const inWorkspace = !directory.split(sep).includes('node_modules');
  const size = inWorkspace ? publishedSize(directory) : directorySize(directory);
  const names = new Set([
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.optionalDependencies ?? {}),
    // npm installs required peers; optional ones only when something else asked for them.
    ...Object.keys(manifest.peerDependencies ?? {}).filter(
      (name) => manifest.peerDependenciesMeta?.[name]?.optional !== true,
    ),
  ]);
  const dependencies: string[] = [];
  for (const name of names) {
    const resolved = resolvePackageDirectory(name, directory);
    // Optional dependencies for another platform are not installed; a missing required one would fail at load.
    if (resolved !== undefined) dependencies.push(resolved);
  }
  const installed = { name: manifest.name, version: manifest.version, directory, ...size, dependencies };
  described.set(directory, installed);
  return installed;
}

export interface Closure {
  root: InstalledPackage;
  packages: InstalledPackage[];
  bytes: number;
  files: number;
}

/** The package at `directory` and everything it needs at run time, each package once. */
export function productionClosure(directory: string): Closure {
  const seen = new Map<string, InstalledPackage>();
  const pending = [realpathSync(directory)];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (seen.has(next)) continue;
    const installed = describe(next);
    seen.set(next, installed);
    pending.push(...installed.dependencies);
  }
  const packages = [...seen.values()];
  return {
    root: describe(realpathSync(directory)),
    packages,
    bytes: packages.reduce((sum, item) => sum + item.bytes, 0),
    files: packages.reduce((sum, item) => sum + item.files, 0),
  };
}
