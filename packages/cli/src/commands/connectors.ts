import catalogData from '../../../../docs/connectors/catalog.json' with { type: 'json' };
import { oneLine, type Write } from '../output.js';
import { UsageError } from '../usage.js';

/**
 * `rampart connectors list [--category X] [--json]`: the connector catalog that `npm run generate` writes to
 * docs/connectors/catalog.json (schema: `ConnectorCatalog` in @rampart/codegen, checked there and by
 * `generate --check`), bundled into the CLI at build time so the list works offline and matches the connectors
 * this release ships.
 */
export interface CatalogConnector {
  id: string;
  package: string;
  vendor: string;
  product: string;
  description: string;
  categories: string[];
  tools: { name: string; description: string; risk: string; capabilities: string[] }[];
}

const bundledCatalog: readonly CatalogConnector[] = catalogData.connectors;

export interface ConnectorsArguments {
  subcommand: string | undefined;
  positionals: string[];
  category: string | undefined;
  json: boolean;
}

export function runConnectors(
  arguments_: ConnectorsArguments,
  out: Write,
  catalog: readonly CatalogConnector[] = bundledCatalog,
): number {
  if (arguments_.subcommand !== 'list') {
    throw new UsageError(
      arguments_.subcommand === undefined
        ? 'connectors needs a subcommand: list'
        : `unknown connectors subcommand "${arguments_.subcommand}"`,
    );
  }
  if (arguments_.positionals.length > 0) throw new UsageError(`unexpected argument "${arguments_.positionals[0]}"`);
  const categories = [...new Set(catalog.flatMap((connector) => connector.categories))].sort();
  const { category } = arguments_;
  if (category !== undefined && !categories.includes(category)) {
    throw new UsageError(`unknown category "${category}" (categories: ${categories.join(', ')})`);
  }
  const shown = catalog.filter((connector) => category === undefined || connector.categories.includes(category));
  if (arguments_.json) {
    out(`${JSON.stringify(shown, null, 2)}\n`);
    return 0;
  }
  const rows = shown.map((connector) => {
    const writes = connector.tools.filter((tool) => tool.risk !== 'read').length;
    return [
      connector.id,
      oneLine(connector.product, 40),
      connector.categories.join(','),
      `${connector.tools.length} (${writes} write)`,
    ];
  });
  const header = ['ID', 'PRODUCT', 'CATEGORIES', 'TOOLS'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  out(`${[line(header), ...rows.map(line)].join('\n')}\n`);
  out(`${shown.length} connector(s)${category ? ` in ${category}` : ''}\n`);
  return 0;
}
