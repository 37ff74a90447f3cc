import { z } from 'zod';

/** How much a tool can change the world, in increasing order. The gate compares these. */
export const riskLevels = ['read', 'write', 'contain', 'destructive'] as const;
export const Risk = z.enum(riskLevels);
export type Risk = z.infer<typeof Risk>;

export function riskRank(risk: Risk): number {
  return riskLevels.indexOf(risk);
}

/** True when `risk` is at or below `ceiling`. */
export function isRiskWithin(risk: Risk, ceiling: Risk): boolean {
  return riskRank(risk) <= riskRank(ceiling);
}
