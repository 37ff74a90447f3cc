import ts from 'typescript';
import * as zod from 'zod';

/**
 * Runs generated TypeScript (a schemas.ts, a zod expression) in this process, so tests check what the emitted
 * code does, not what its text looks like. Only `zod` can be imported.
 */
export function evaluateModule(source: string): Record<string, unknown> {
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  });
  const exports: Record<string, unknown> = {};
  const require = (id: string) => {
    if (id === 'zod') return zod;
    throw new Error(`Generated code imports ${id}, which this test cannot provide`);
  };
  new Function('require', 'exports', outputText)(require, exports);
  return exports;
}

/** Evaluates one emitted zod expression. */
export function evaluateSchema(expression: string): zod.ZodType {
  const module = evaluateModule(`import { z } from 'zod';\nexport const schema = ${expression};`);
  return module.schema as zod.ZodType;
}
