import { z } from 'zod';

/** OCSF `severity_id` values 0-6 with their captions (OCSF 1.x dictionary). */
export const severityLabels = ['Unknown', 'Informational', 'Low', 'Medium', 'High', 'Critical', 'Fatal'] as const;
export type SeverityLabel = (typeof severityLabels)[number];

export const SeverityId = z.number().int().min(0).max(6);
export type SeverityId = z.infer<typeof SeverityId>;

export function severityLabel(severityId: SeverityId): SeverityLabel {
  return severityLabels[severityId] ?? 'Unknown';
}
