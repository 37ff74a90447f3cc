import { defineTool, type ToolCallContext } from '@rampart/core/connector';
import { z } from 'zod';
import type { createAwsGuarddutyConnector } from './generated/connector.js';
import { Finding } from './generated/schemas.js';

type GuardDutyConnector = ReturnType<typeof createAwsGuarddutyConnector>;

const detectorId = z
  .string()
  .min(1)
  .max(300)
  .describe('The GuardDuty detector ID; omit it to use the account’s detector in the configured Region.');

async function resolveDetector(connector: GuardDutyConnector, given: string | undefined, context: ToolCallContext) {
  if (given !== undefined) return given;
  const { detectorIds } = await connector.tools.listDetectors({}, context);
  const first = detectorIds[0];
  if (first === undefined)
    throw new Error('GuardDuty is not enabled in this Region: ListDetectors returned no detector');
  return first;
}

/**
 * SOC actions that take two GuardDuty calls: finding the detector and reading findings in one step, and closing
 * findings as not useful (feedback + archive).
 */
export function guardDutySocActions(connector: GuardDutyConnector) {
  const searchFindings = defineTool({
    name: 'searchGuardDutyFindings',
    description:
      'Finds recent GuardDuty findings and returns them in full (newest update first): at least minSeverity ' +
      '(1-10, default 4 = Medium and above), updated since updatedSince, current (not archived) unless ' +
      'includeArchived, optionally for one IAM access key or EC2 instance. Looks up the detector when not given.',
    input: z.object({
      detectorId: detectorId.optional(),
      minSeverity: z.number().min(0).max(10).default(4).describe('Lowest severity to return (1-10).'),
      updatedSince: z.iso
        .datetime({ offset: true })
        .optional()
        .describe('Only findings updated at or after this time (ISO 8601).'),
      includeArchived: z.boolean().default(false).describe('Also return archived findings.'),
      accessKeyId: z.string().min(16).max(128).optional().describe('Only findings about this IAM access key.'),
      instanceId: z.string().min(1).optional().describe('Only findings about this EC2 instance (i-...).'),
      maxResults: z.number().int().min(1).max(50).default(20).describe('How many findings to return (1-50).'),
    }),
    output: z.object({
      detectorId: z.string(),
      findings: z.array(Finding),
      nextToken: z.string().optional(),
    }),
    risk: 'read',
    idempotent: true,
    scopes: ['guardduty:ListDetectors', 'guardduty:ListFindings', 'guardduty:GetFindings'],
    capabilities: ['alerts.list', 'alerts.get'],
    async execute(input, context) {
      const detector = await resolveDetector(connector, input.detectorId, context);
      const criterion: Record<string, Record<string, unknown>> = {
        severity: { greaterThanOrEqual: Math.floor(input.minSeverity) },
      };
      if (!input.includeArchived) criterion['service.archived'] = { equals: ['false'] };
      if (input.updatedSince !== undefined) {
        criterion.updatedAt = { greaterThanOrEqual: Date.parse(input.updatedSince) };
      }
      if (input.accessKeyId !== undefined) {
        criterion['resource.accessKeyDetails.accessKeyId'] = { equals: [input.accessKeyId] };
      }
      if (input.instanceId !== undefined) {
        criterion['resource.instanceDetails.instanceId'] = { equals: [input.instanceId] };
      }
      const sortCriteria = { attributeName: 'updatedAt', orderBy: 'DESC' as const };
      const listed = await connector.tools.listFindings(
        { detectorId: detector, findingCriteria: { criterion }, sortCriteria, maxResults: input.maxResults },
        context,
      );
      const nextToken = listed.nextToken ?? undefined;
      if (listed.findingIds.length === 0) {
        return { detectorId: detector, findings: [], ...(nextToken ? { nextToken } : {}) };
      }
      const { findings } = await connector.tools.getFindings(
        { detectorId: detector, findingIds: listed.findingIds.slice(0, 50), sortCriteria },
        context,
      );
      return { detectorId: detector, findings, ...(nextToken ? { nextToken } : {}) };
    },
  });

  const dismissFindings = defineTool({
    name: 'dismissGuardDutyFindings',
    description:
      'Closes GuardDuty findings judged benign or false positive: records NOT_USEFUL feedback with the reason, then ' +
      'archives them so they leave the current findings. Reversible with unarchiveFindings.',
    input: z.object({
      detectorId,
      findingIds: z.array(z.string().min(1).max(300)).min(1).max(50).describe('The findings to close (at most 50).'),
      reason: z.string().min(3).max(1000).describe('Why the findings are benign, kept as the feedback comment.'),
    }),
    output: z.object({ detectorId: z.string(), archivedFindingIds: z.array(z.string()) }),
    risk: 'write',
    idempotent: true,
    scopes: ['guardduty:UpdateFindingsFeedback', 'guardduty:ArchiveFindings'],
    capabilities: ['alert.update'],
    async execute(input, context) {
      const target = { detectorId: input.detectorId, findingIds: input.findingIds };
      await connector.tools.updateFindingsFeedback(
        { ...target, feedback: 'NOT_USEFUL', comments: input.reason },
        context,
      );
      await connector.tools.archiveFindings(target, context);
      return { detectorId: input.detectorId, archivedFindingIds: input.findingIds };
    },
  });

  return { searchGuardDutyFindings: searchFindings, dismissGuardDutyFindings: dismissFindings } as const;
}
