import { runAudit } from './commands/audit.js';
import { runConnectors } from './commands/connectors.js';
import { runDemo } from './commands/demo.js';
import { runEval } from './commands/eval.js';
import { runFeedback } from './commands/feedback.js';
import { runMcp } from './commands/mcp.js';
import { runReport } from './commands/report.js';
import { runStix } from './commands/stix.js';
import { runTriage } from './commands/triage.js';
import type { Write } from './output.js';
import { UsageError } from './usage.js';

/** Every option any command takes, as `node:util` `parseArgs` reads them. */
export const cliOptions = {
  db: { type: 'string' },
  'tree-size': { type: 'string' },
  connectors: { type: 'string' },
  tenant: { type: 'string' },
  source: { type: 'string' },
  'scenario-world': { type: 'string' },
  html: { type: 'string' },
  category: { type: 'string' },
  json: { type: 'boolean' },
  'without-context': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type OptionName = keyof typeof cliOptions;

/** One invocation as a command sees it: its arguments after the command name, the options, where to write. */
export interface CommandInvocation {
  positionals: readonly string[];
  values: { [Name in OptionName]?: (typeof cliOptions)[Name]['type'] extends 'boolean' ? boolean : string };
  /** `--db`, or the default database. */
  databasePath: string;
  out: Write;
  errorOut: Write;
}

export interface CliCommand {
  /** The options it takes; any other is a usage error naming the command. */
  options: readonly OptionName[];
  /** Takes at most this many positional arguments (subcommands included); default unlimited. */
  maxPositionals?: number;
  /** Runs it and returns the exit code. */
  run(invocation: CommandInvocation): Promise<number> | number;
}

/** The one positional argument a command needs, or a usage error saying how to call it. */
function required(positionals: readonly string[], howTo: string): string {
  if (positionals[0] === undefined) throw new UsageError(howTo);
  return positionals[0];
}

/**
 * The `rampart` commands by name. A new command is one entry here (and, for a new option, one in `cliOptions`
 * and the usage text): `main` parses, checks options and argument counts, and dispatches from this table.
 */
export const cliCommands: Readonly<Record<string, CliCommand>> = {
  demo: {
    options: ['db'],
    run: ({ positionals, databasePath, out, errorOut }) =>
      runDemo({ databasePath, scenarios: positionals }, out, errorOut),
  },
  audit: {
    options: ['db', 'tree-size'],
    run: ({ positionals, values, databasePath, out, errorOut }) =>
      runAudit(
        { subcommand: positionals[0], positionals: positionals.slice(1), databasePath, treeSize: values['tree-size'] },
        out,
        errorOut,
      ),
  },
  mcp: {
    options: ['connectors', 'tenant'],
    maxPositionals: 0,
    run: ({ values }) => runMcp({ connectors: values.connectors, tenantId: values.tenant }),
  },
  triage: {
    options: ['source', 'scenario-world', 'db', 'tenant', 'json'],
    maxPositionals: 1,
    run: ({ positionals, values, out }) =>
      runTriage(
        {
          file: required(positionals, 'triage needs an alerts file: rampart triage <file> --source <id>'),
          source: values.source,
          worldFile: values['scenario-world'],
          databasePath: values.db,
          tenantId: values.tenant,
          json: values.json === true,
        },
        out,
      ),
  },
  eval: {
    options: ['json', 'without-context'],
    run: ({ positionals, values, out }) =>
      runEval(
        { files: positionals, json: values.json === true, withoutContext: values['without-context'] === true },
        out,
      ),
  },
  report: {
    options: ['html', 'db', 'tenant'],
    maxPositionals: 1,
    run: ({ positionals, values, databasePath, out }) =>
      runReport(
        {
          caseId: required(positionals, 'report needs a case id: rampart report <caseId> --html FILE'),
          htmlPath: values.html,
          databasePath,
          tenantId: values.tenant,
        },
        out,
      ),
  },
  feedback: {
    options: ['db', 'tenant'],
    maxPositionals: 1,
    run: ({ positionals, values, databasePath, out }) =>
      runFeedback({ subcommand: positionals[0], databasePath, tenantId: values.tenant }, out),
  },
  stix: {
    options: ['db', 'tenant'],
    maxPositionals: 1,
    run: ({ positionals, values, databasePath, out }) =>
      runStix(
        {
          caseId: required(positionals, 'stix needs a case id: rampart stix <caseId>'),
          databasePath,
          tenantId: values.tenant,
        },
        out,
      ),
  },
  connectors: {
    options: ['category', 'json'],
    run: ({ positionals, values, out }) =>
      runConnectors(
        {
          subcommand: positionals[0],
          positionals: positionals.slice(1),
          category: values.category,
          json: values.json === true,
        },
        out,
      ),
  },
};
