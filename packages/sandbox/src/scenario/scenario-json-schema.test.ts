import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from './scenario.js';

const path = new URL('../../scenario.schema.json', import.meta.url);

describe('scenario.schema.json', () => {
  it('matches the zod schema (regenerate: npm run scenario-schema)', async () => {
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(scenarioJsonSchema());
  });
});
