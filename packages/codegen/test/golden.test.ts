import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureNames, renderFixture, testDirectory } from './fixtures.js';

/**
 * Golden files of the generator's whole output for an OpenAPI 3.1 spec (acme-edr) and a Swagger 2.0 spec
 * (legacy-mail). Run with UPDATE_GOLDEN=1 to accept a change; review the diff of test/golden like any code.
 * Goldens end in `.golden` so Biome and tsc leave them exactly as generated.
 */
const update = process.env.UPDATE_GOLDEN === '1';

describe.each(fixtureNames)('golden output of %s', (name) => {
  it('matches every golden file, and no golden is left over', async () => {
    const { spec, files } = await renderFixture(name);
    const goldenDirectory = path.join(testDirectory, 'golden', name);
    const expected = new Map([spec, ...files].map((file) => [`${file.path}.golden`, file.content]));
    if (update) {
      for (const [file, content] of expected) {
        await mkdir(path.dirname(path.join(goldenDirectory, file)), { recursive: true });
        await writeFile(path.join(goldenDirectory, file), content);
      }
    }
    const present = (await readdir(goldenDirectory, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(goldenDirectory, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
      .sort();
    expect(present).toEqual([...expected.keys()].sort());
    for (const [file, content] of expected) {
      const golden = await readFile(path.join(goldenDirectory, file), 'utf8');
      expect(content, `${name}/${file} differs from its golden (UPDATE_GOLDEN=1 to accept)`).toBe(golden);
    }
  });

  it('is deterministic', async () => {
    const first = await renderFixture(name);
    const second = await renderFixture(name);
    expect(second).toEqual(first);
  });
});
