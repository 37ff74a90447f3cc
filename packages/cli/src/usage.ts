/** Bad command-line arguments: the CLI prints `message` and the usage text, and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const usage = `Usage:
  rampart demo [scenario...] [--db PATH]
  rampart triage <file> --source <connector-id> [--scenario-world FILE] [--db PATH] [--tenant ID] [--json]
  rampart eval [scenario files...] [--json] [--without-context]
  rampart report <caseId> --html FILE [--db PATH] [--tenant ID]
  rampart audit verify [--db PATH]
  rampart audit export [--db PATH]
  rampart audit proof <leafIndex> [--tree-size N] [--db PATH]
  rampart audit consistency <firstSize> <secondSize> [--db PATH]
  rampart mcp --connectors <id,id...> [--tenant ID]
  rampart connectors list [--category X] [--json]
  rampart feedback export --tenant ID [--db PATH]
  rampart stix <caseId> [--db PATH] [--tenant ID]

Commands:
  demo     Run the sandbox scenarios (all shipped, or one by id or file) offline, with the rule-based reasoner
  triage   Normalise a file of native alerts with @rampart/connector-<id> and work them against a sandbox world
  eval     Score scenarios (default: all shipped); exits 1 when one misses its expectations
  report   Write a self-contained HTML report of a case, with audit proofs
  feedback export  A tenant's analyst feedback as JSON Lines (the documented feedback dataset)
  stix     The STIX 2.1 bundle of a case's indicators and sightings
  connectors list  The connector catalog (id, product, categories, tools); --category filters, --json for data

Options:
  --db PATH              SQLite database file (default .rampart/rampart.db; triage: in memory unless given)
  --source ID            Connector whose normalizers read the alerts file, e.g. okta, crowdstrike-falcon
  --scenario-world FILE  Scenario or world seed (YAML or JSON) the sandbox simulates for triage (default: empty)
  --html FILE            Where report writes the HTML
  --json                 Machine-readable output (triage, eval, connectors list)
  --without-context      eval: run without the context graph and precedents (default: with, and the gain shown)
  --category X           Only connectors of this category (connectors list), e.g. iam, edr, cloud
  --connectors IDS       Connector ids; credentials from RAMPART_<CONNECTOR>_* variables (e.g. RAMPART_OKTA_TOKEN)
  --tenant ID            Tenant the connectors act for (mcp, triage) or the case belongs to (report)
  --help                 Show this help`;

export const defaultDatabasePath = '.rampart/rampart.db';

/** Parses a non-negative integer argument, naming the argument when it is not one. */
export function parseCount(value: string | undefined, argumentName: string): number {
  if (value === undefined) throw new UsageError(`missing <${argumentName}>`);
  if (!/^\d+$/.test(value)) throw new UsageError(`<${argumentName}> must be a non-negative integer, got "${value}"`);
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) throw new UsageError(`<${argumentName}> is too large: ${value}`);
  return parsed;
}
