import { parseArgs } from 'node:util';
import { runAudit } from './commands/audit.js';
import { runDemo } from './commands/demo.js';
import { runMcp } from './commands/mcp.js';
import { defaultDatabasePath, UsageError, usage } from './usage.js';

type Write = (text: string) => void;

/** Runs one CLI invocation and returns its exit code: 0 ok, 1 failure, 2 bad arguments. */
export async function main(
  argv: readonly string[],
  out: Write = (text) => process.stdout.write(text),
  errorOut: Write = (text) => process.stderr.write(text),
): Promise<number> {
  try {
    const { values, positionals } = parseCommandLine(argv);
    if (values.help) {
      out(`${usage}\n`);
      return 0;
    }
    const [command, ...rest] = positionals;
    const databasePath = values.db ?? defaultDatabasePath;
    switch (command) {
      case 'demo':
        if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
        if (values['tree-size'] !== undefined) throw new UsageError('--tree-size applies to "audit proof" only');
        return await runDemo({ databasePath }, out, errorOut);
      case 'audit':
        return await runAudit(
          { subcommand: rest[0], positionals: rest.slice(1), databasePath, treeSize: values['tree-size'] },
          out,
          errorOut,
        );
      case 'mcp':
        if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
        return await runMcp({ connectors: values.connectors, tenantId: values.tenant });
      case undefined:
        throw new UsageError('missing command');
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      errorOut(`rampart: ${error.message}\n\n${usage}\n`);
      return 2;
    }
    errorOut(`rampart: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

function parseCommandLine(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        db: { type: 'string' },
        'tree-size': { type: 'string' },
        connectors: { type: 'string' },
        tenant: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    // parseArgs reports unknown options and missing option values with a TypeError.
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
