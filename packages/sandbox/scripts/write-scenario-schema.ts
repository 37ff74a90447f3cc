/** Writes scenario.schema.json from the zod schema: `npm run scenario-schema`. */
import { writeFile } from 'node:fs/promises';
import { scenarioJsonSchema } from '../src/scenario/scenario.js';

await writeFile(
  new URL('../scenario.schema.json', import.meta.url),
  `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`,
);
