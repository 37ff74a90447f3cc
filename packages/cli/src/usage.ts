/** Bad command-line arguments: the CLI prints `message` and the usage text, and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const usage = `Usage:
  rampart demo [--db PATH]
  rampart audit verify [--db PATH]
  rampart audit export [--db PATH]
  rampart audit proof <leafIndex> [--tree-size N] [--db PATH]
  rampart audit consistency <firstSize> <secondSize> [--db PATH]
  rampart mcp --connectors <id,id...> [--tenant ID]

Options:
  --db PATH         SQLite database file (default .rampart/rampart.db)
  --connectors IDS  Connector ids; credentials from RAMPART_<CONNECTOR>_* variables (e.g. RAMPART_OKTA_TOKEN)
  --tenant ID       Tenant the connectors act for
  --help            Show this help`;

export const defaultDatabasePath = '.rampart/rampart.db';

/** Parses a non-negative integer argument, naming the argument when it is not one. */
export function parseCount(value: string | undefined, argumentName: string): number {
  if (value === undefined) throw new UsageError(`missing <${argumentName}>`);
  if (!/^\d+$/.test(value)) throw new UsageError(`<${argumentName}> must be a non-negative integer, got "${value}"`);
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) throw new UsageError(`<${argumentName}> is too large: ${value}`);
  return parsed;
}
