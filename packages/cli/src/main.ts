import { parseArgs } from 'node:util';
import { ValidationError } from '@rampart/core';
import { cliCommands, cliOptions, type OptionName } from './command-registry.js';
import type { Write } from './output.js';
import { defaultDatabasePath, UsageError, usage } from './usage.js';

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
    const [name, ...rest] = positionals;
    if (name === undefined) throw new UsageError('missing command');
    const command = Object.hasOwn(cliCommands, name) ? cliCommands[name] : undefined;
    if (command === undefined) throw new UsageError(`unknown command "${name}"`);
    for (const option of Object.keys(values) as OptionName[]) {
      if (option !== 'help' && values[option] !== undefined && !command.options.includes(option)) {
        throw new UsageError(
          option === 'tree-size'
            ? '--tree-size applies to "audit proof" only'
            : `--${option} does not apply to "${name}"`,
        );
      }
    }
    if (command.maxPositionals !== undefined && rest.length > command.maxPositionals) {
      throw new UsageError(`unexpected argument "${rest[command.maxPositionals]}"`);
    }
    return await command.run({
      positionals: rest,
      values,
      databasePath: values.db ?? defaultDatabasePath,
      out,
      errorOut,
    });
  } catch (error) {
    if (error instanceof UsageError) {
      errorOut(`rampart: ${error.message}\n\n${usage}\n`);
      return 2;
    }
    errorOut(`rampart: ${describeError(error)}\n`);
    return 1;
  }
}

/** A validation error lists its issues one per line; anything else is its message. */
function describeError(error: unknown): string {
  if (ValidationError.isInstance(error)) {
    return `invalid ${error.subject}:\n${error.issues.map((issue) => `  ${issue.path || '(root)'}: ${issue.message}`).join('\n')}`;
  }
  return error instanceof Error ? error.message : String(error);
}

function parseCommandLine(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: cliOptions });
  } catch (error) {
    // parseArgs reports unknown options and missing option values with a TypeError.
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
