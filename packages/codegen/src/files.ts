import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { GeneratedFile } from './generate.js';

/** One difference between what the generator produces and what is on disk. */
export interface Drift {
  path: string;
  kind: 'missing' | 'changed' | 'stale';
  /** A short excerpt of the first differing lines, for CI logs. */
  excerpt?: string;
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Files directly or deeply under `directory`, relative to `root`; empty when it does not exist. */
async function listFiles(root: string, directory: string): Promise<string[]> {
  try {
    const entries = await readdir(path.join(root, directory), { withFileTypes: true, recursive: true });
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
  } catch {
    return [];
  }
}

/** The first block of lines that differ, with a little context, in `diff -u` notation. */
export function diffExcerpt(expected: string, actual: string, context = 2, maxLines = 12): string {
  const want = expected.split('\n');
  const have = actual.split('\n');
  let start = 0;
  while (start < want.length && start < have.length && want[start] === have[start]) start++;
  let endWant = want.length - 1;
  let endHave = have.length - 1;
  while (endWant > start && endHave > start && want[endWant] === have[endHave]) {
    endWant--;
    endHave--;
  }
  const lines = [`@@ line ${start + 1} @@`];
  for (let index = Math.max(0, start - context); index < start; index++) lines.push(`  ${want[index]}`);
  const removed = have.slice(start, endHave + 1).map((line) => `- ${line}`);
  const added = want.slice(start, endWant + 1).map((line) => `+ ${line}`);
  const body = [...removed, ...added];
  lines.push(...body.slice(0, maxLines));
  if (body.length > maxLines) lines.push(`  … ${body.length - maxLines} more changed lines`);
  return lines.join('\n');
}

/**
 * Compares generated files with the disk. `ownedDirectories` are folders the generator owns entirely: a file
 * there that the generator no longer produces is stale.
 */
export async function findDrift(
  root: string,
  files: GeneratedFile[],
  ownedDirectories: string[] = [],
): Promise<Drift[]> {
  const drift: Drift[] = [];
  for (const file of files) {
    const current = await readIfExists(path.join(root, file.path));
    if (current === undefined) drift.push({ path: file.path, kind: 'missing' });
    else if (current !== file.content) {
      drift.push({ path: file.path, kind: 'changed', excerpt: diffExcerpt(file.content, current) });
    }
  }
  const produced = new Set(files.map((file) => file.path));
  for (const directory of ownedDirectories) {
    for (const existing of await listFiles(root, directory)) {
      if (!produced.has(existing)) drift.push({ path: existing, kind: 'stale' });
    }
  }
  return drift;
}

/** Writes the files that differ and removes stale ones; returns what changed. */
export async function writeGenerated(
  root: string,
  files: GeneratedFile[],
  ownedDirectories: string[] = [],
): Promise<Drift[]> {
  const drift = await findDrift(root, files, ownedDirectories);
  const byPath = new Map(files.map((file) => [file.path, file]));
  for (const entry of drift) {
    const target = path.join(root, entry.path);
    if (entry.kind === 'stale') {
      await rm(target);
      continue;
    }
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, byPath.get(entry.path)!.content);
  }
  return drift;
}
