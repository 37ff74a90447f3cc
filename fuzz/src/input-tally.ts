import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    inputTallyDirectory: string;
  }
}

/**
 * Records how many generated inputs a property ran. Test files run in separate workers, so counts go to a file
 * the global setup reads at the end; appends of one short line are atomic enough for that.
 */
export function recordInputs(property: string, inputs: number): void {
  const line = `${JSON.stringify({ property, inputs })}\n`;
  appendFileSync(join(inject('inputTallyDirectory'), 'tally.jsonl'), line);
}
