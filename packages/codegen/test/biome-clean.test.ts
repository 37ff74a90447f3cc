import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureNames, renderFixture, testDirectory } from './fixtures.js';

/**
 * Biome lints a connector package except `src/generated/` and JSON, so the other generated files (README.md,
 * tsup.config.ts, vitest.config.ts) must already be formatted the way Biome formats them; otherwise
 * `biome check --write` and `generate --check` would undo each other.
 */
const repositoryRoot = path.resolve(testDirectory, '../../..');
const biome = path.join(repositoryRoot, 'node_modules', '.bin', 'biome');

function biomeFormatted(file: string, content: string): string {
  return execFileSync(biome, ['format', `--stdin-file-path=${file}`], {
    cwd: repositoryRoot,
    input: content,
    encoding: 'utf8',
  });
}

describe.each(fixtureNames)('%s files outside src/generated', (name) => {
  it('are formatted as Biome formats them', { timeout: 60_000 }, async () => {
    const { files } = await renderFixture(name);
    for (const file of files) {
      if (file.path.startsWith('src/generated/') || file.path.endsWith('.json')) continue;
      const virtualPath = `packages/integrations/${name}/${file.path}`;
      expect(file.content, file.path).toBe(biomeFormatted(virtualPath, file.content));
    }
  });
});
