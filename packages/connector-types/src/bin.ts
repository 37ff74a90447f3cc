import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkConnectors } from './check-connectors.js';

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const startedAt = Date.now();
const result = checkConnectors({
  integrationsDir: join(repositoryRoot, 'packages/integrations'),
  repositoryDir: repositoryRoot,
});
const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
if (result.errors.length > 0) {
  console.error(result.errors.join('\n\n'));
  console.error(
    `\n${result.errors.length} type errors in ${result.connectors} connectors (${seconds} s); no declarations written`,
  );
  process.exit(1);
}
console.log(
  `${result.connectors} connectors type-checked, ${result.written.length} declaration files written (${seconds} s)`,
);
