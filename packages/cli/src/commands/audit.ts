import { type AuditLog, ValidationError } from '@rampart/core';
import { spacedJson } from '../json-output.js';
import { openExistingDatabase } from '../open-database.js';
import { parseCount, UsageError } from '../usage.js';

export interface AuditArguments {
  subcommand: string | undefined;
  positionals: string[];
  databasePath: string;
  treeSize: string | undefined;
}

type Write = (text: string) => void;

/** `rampart audit verify|export|proof|consistency`. Returns the exit code. */
export async function runAudit(arguments_: AuditArguments, out: Write, errorOut: Write): Promise<number> {
  const { subcommand, positionals } = arguments_;
  const expectPositionals = (count: number) => {
    if (positionals.length > count) throw new UsageError(`unexpected argument "${positionals[count]}"`);
  };
  if (subcommand === undefined) throw new UsageError('audit needs a subcommand: verify, export, proof or consistency');
  if (!['verify', 'export', 'proof', 'consistency'].includes(subcommand)) {
    throw new UsageError(`unknown audit subcommand "${subcommand}"`);
  }
  if (arguments_.treeSize !== undefined && subcommand !== 'proof') {
    throw new UsageError('--tree-size applies to "audit proof" only');
  }
  // Validate every argument before touching the database.
  const numbers: number[] = [];
  if (subcommand === 'verify' || subcommand === 'export') expectPositionals(0);
  if (subcommand === 'proof') {
    expectPositionals(1);
    numbers.push(parseCount(positionals[0], 'leafIndex'));
    if (arguments_.treeSize !== undefined) numbers.push(parseCount(arguments_.treeSize, 'tree-size'));
  }
  if (subcommand === 'consistency') {
    expectPositionals(2);
    numbers.push(parseCount(positionals[0], 'firstSize'), parseCount(positionals[1], 'secondSize'));
  }

  const { stores, audit } = await openExistingDatabase(arguments_.databasePath);
  try {
    switch (subcommand) {
      case 'verify':
        return await verify(audit, out, errorOut);
      case 'export':
        for await (const leaf of audit.leaves())
          out(`${spacedJson({ index: leaf.index, canonical: leaf.canonical })}\n`);
        return 0;
      case 'proof': {
        const proof = await asUsage(() => audit.inclusionProof(numbers[0]!, numbers[1]));
        out(`${spacedJson({ ...proof })}\n`);
        return 0;
      }
      default: {
        const proof = await asUsage(() => audit.consistencyProof(numbers[0]!, numbers[1]!));
        out(`${spacedJson({ ...proof })}\n`);
        return 0;
      }
    }
  } finally {
    stores.close();
  }
}

async function verify(audit: AuditLog, out: Write, errorOut: Write): Promise<number> {
  const result = await audit.verify();
  if (result.ok) {
    out(`ok ${result.size} leaves root ${result.root}\n`);
    return 0;
  }
  errorOut(`bad leaf ${result.firstBadLeaf}: ${result.reason}\n`);
  return 1;
}

/** An index or size out of range for this log is a bad argument (exit 2), not a failure of the log. */
async function asUsage<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (ValidationError.isInstance(error))
      throw new UsageError(error.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '));
    throw error;
  }
}
