import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestJsonSchema } from '../src/manifest.js';
import { testDirectory } from './fixtures.js';

/** `manifest.schema.json` is derived from the zod schema; UPDATE_GOLDEN=1 rewrites it. */
const file = path.join(testDirectory, '..', 'manifest.schema.json');

describe('manifest.schema.json', () => {
  it('matches the zod manifest schema', async () => {
    const expected = `${JSON.stringify(manifestJsonSchema(), null, 2)}\n`;
    if (process.env.UPDATE_GOLDEN === '1') await writeFile(file, expected);
    expect(await readFile(file, 'utf8')).toBe(expected);
  });
});
