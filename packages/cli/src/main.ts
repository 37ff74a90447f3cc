import { parseArgs } from 'node:util';
import { ValidationError } from '@rampart/core';
import { runAudit } from './commands/audit.js';
import { runConnectors } from './commands/connectors.js';
import { runDemo } from './commands/demo.js';
import { runEval } from './commands/eval.js';
import { runMcp } from './commands/mcp.js';
import { runReport } from './commands/report.js';
import { runTriage } from './commands/triage.js';
import type { Write } from './output.js';
import { defaultDatabasePath, UsageError, usage } from './usage.js';

const options = {
  db: { type: 'string' },
  'tree-size': { type: 'string' },
  connectors: { type: 'string' },
  tenant: { type: 'string' },
  source: { type: 'string' },
  'scenario-world': { type: 'string' },
  html: { type: 'string' },
  category: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type OptionName = keyof typeof options;

/** The options each command takes; any other option given to it is a usage error. */
const commandOptions: Readonly<Record<string, readonly OptionName[]>> = {
  demo: ['db'],
  audit: ['db', 'tree-size'],
  mcp: ['connectors', 'tenant'],
  triage: ['source', 'scenario-world', 'db', 'tenant', 'json'],
  eval: ['json'],
  report: ['html', 'db', 'tenant'],
  connectors: ['category', 'json'],
};

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
    if (command === undefined) throw new UsageError('missing command');
    const allowed = commandOptions[command];
    if (allowed === undefined) throw new UsageError(`unknown command "${command}"`);
    for (const name of Object.keys(values) as OptionName[]) {
      if (name !== 'help' && values[name] !== undefined && !allowed.includes(name)) {
        throw new UsageError(
          name === 'tree-size'
            ? '--tree-size applies to "audit proof" only'
            : `--${name} does not apply to "${command}"`,
        );
      }
    }
    const expectAtMost = (count: number) => {
      if (rest.length > count) throw new UsageError(`unexpected argument "${rest[count]}"`);
    };
    const databasePath = values.db ?? defaultDatabasePath;
    switch (command) {
      case 'demo':
        return await runDemo({ databasePath, scenarios: rest }, out, errorOut);
      case 'audit':
        return await runAudit(
          { subcommand: rest[0], positionals: rest.slice(1), databasePath, treeSize: values['tree-size'] },
          out,
          errorOut,
        );
      case 'mcp':
        expectAtMost(0);
        return await runMcp({ connectors: values.connectors, tenantId: values.tenant });
      case 'triage':
        expectAtMost(1);
        if (rest[0] === undefined)
          throw new UsageError('triage needs an alerts file: rampart triage <file> --source <id>');
        return await runTriage(
          {
            file: rest[0],
            source: values.source,
            worldFile: values['scenario-world'],
            databasePath: values.db,
            tenantId: values.tenant,
            json: values.json === true,
          },
          out,
        );
      case 'connectors':
        return runConnectors(
          { subcommand: rest[0], positionals: rest.slice(1), category: values.category, json: values.json === true },
          out,
        );
      case 'eval':
        return await runEval({ files: rest, json: values.json === true }, out);
      default:
        expectAtMost(1);
        if (rest[0] === undefined) throw new UsageError('report needs a case id: rampart report <caseId> --html FILE');
        return await runReport({ caseId: rest[0], htmlPath: values.html, databasePath, tenantId: values.tenant }, out);
    }
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
    return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options });
  } catch (error) {
    // parseArgs reports unknown options and missing option values with a TypeError.
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
