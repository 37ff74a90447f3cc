import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

// The documented config must stay a valid MCP client config that starts `rampart mcp` with connectors.
test('mcp-config.json starts rampart mcp with connectors and their RAMPART_* variables', () => {
  const config = JSON.parse(readFileSync(new URL('./mcp-config.json', import.meta.url), 'utf8'));
  const server = config.mcpServers['rampart-identity'];
  assert.equal(server.command, 'npx');
  const index = server.args.indexOf('mcp');
  assert.ok(index > 0, 'runs the mcp subcommand');
  const connectors = server.args[server.args.indexOf('--connectors') + 1].split(',');
  assert.deepEqual(connectors, ['okta', 'virustotal']);
  for (const name of Object.keys(server.env)) assert.match(name, /^RAMPART_(OKTA|VIRUSTOTAL)_[A-Z_]+$/);
});
