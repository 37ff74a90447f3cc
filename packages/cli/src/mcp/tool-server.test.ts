import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { defineTool } from '@rampart/core';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createToolServer } from './tool-server.js';

const calls: unknown[] = [];
const tools = {
  lookupIp: defineTool({
    name: 'lookupIp',
    description: 'Look up the reputation of an IP address.',
    input: z.object({ ip: z.string().min(7) }),
    output: z.object({ ip: z.string(), malicious: z.boolean() }),
    risk: 'read',
    idempotent: true,
    execute: async ({ ip }, context) => {
      calls.push({ ip, tenantId: context.tenantId });
      return { ip, malicious: ip === '203.0.113.77' };
    },
  }),
  containHost: defineTool({
    name: 'containHost',
    description: 'Isolate an endpoint from the network.',
    input: z.object({ hostId: z.string() }),
    output: z.object({ contained: z.boolean() }),
    risk: 'contain',
    idempotent: true,
    execute: async () => {
      throw new Error('vendor down');
    },
  }),
};

let client: Client | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
  calls.length = 0;
});

async function connect() {
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await createToolServer(tools, { tenantId: 'acme' }).connect(serverTransport);
  client = new Client({ name: 'test', version: '1.0.0' });
  await client.connect(clientTransport);
  return client;
}

describe('createToolServer', () => {
  it('lists the tools with JSON Schema inputs and MCP annotations from their risk', async () => {
    const { tools: listed } = await (await connect()).listTools();
    expect(listed.map((tool) => tool.name)).toEqual(['lookupIp', 'containHost']);
    expect(listed[0]!.inputSchema).toMatchObject({ type: 'object', required: ['ip'] });
    expect(listed[0]!.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false, idempotentHint: true });
    expect(listed[1]!.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
  });

  it('runs a tool for the configured tenant and returns text and structured content', async () => {
    const result = await (await connect()).callTool({ name: 'lookupIp', arguments: { ip: '203.0.113.77' } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ ip: '203.0.113.77', malicious: true });
    expect(calls).toEqual([{ ip: '203.0.113.77', tenantId: 'acme' }]);
  });

  it('answers bad arguments, unknown tools and failing tools with error results naming the problem', async () => {
    const mcp = await connect();
    const invalid = await mcp.callTool({ name: 'lookupIp', arguments: { ip: 42 } });
    expect(invalid.isError).toBe(true);
    expect(JSON.stringify(invalid.content)).toContain('ValidationError');
    expect(JSON.stringify(invalid.content)).toContain('ip');
    const unknown = await mcp.callTool({ name: 'disableMfa', arguments: {} });
    expect(unknown.isError).toBe(true);
    const failing = await mcp.callTool({ name: 'containHost', arguments: { hostId: 'h1' } });
    expect(failing.isError).toBe(true);
    expect(JSON.stringify(failing.content)).toContain('vendor down');
    expect(calls).toEqual([]);
  });
});

describe('rampart mcp over stdio', () => {
  it('serves a generated connector to the official MCP client', async () => {
    const packageDirectory = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: ['--conditions=@rampart/source', '--import', 'tsx', 'src/bin.ts', 'mcp', '--connectors', 'okta'],
      cwd: packageDirectory,
      env: { ...process.env, RAMPART_OKTA_DOMAIN: 'acme.okta.com', RAMPART_OKTA_TOKEN: 'not-a-real-token' } as Record<
        string,
        string
      >,
      stderr: 'pipe',
    });
    client = new Client({ name: 'test', version: '1.0.0' });
    await client.connect(transport);
    const { tools: listed } = await client.listTools();
    const suspend = listed.find((tool) => tool.name === 'suspendUser');
    expect(suspend?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    expect(listed.find((tool) => tool.name === 'getUser')?.annotations?.readOnlyHint).toBe(true);
  }, 60_000);

  it('fails naming the variables a connector needs', async () => {
    const packageDirectory = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
    const child = spawn(
      process.execPath,
      ['--conditions=@rampart/source', '--import', 'tsx', 'src/bin.ts', 'mcp', '--connectors', 'okta'],
      { cwd: packageDirectory, env: { PATH: process.env.PATH ?? '' } },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('RAMPART_OKTA_DOMAIN');
    expect(stderr).toContain('RAMPART_OKTA_TOKEN');
  }, 60_000);
});
