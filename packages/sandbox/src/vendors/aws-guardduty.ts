import { alertNormalizers, awsGuarddutyConnector, guardDutySocActions } from '@rampart/connector-aws-guardduty';
import { awsGuarddutyHandlers } from '@rampart/connector-aws-guardduty/testing';
import type { World } from '../world/world.js';
import { listOf, text, vendorError } from './responses.js';
import { readPath } from './vendor-alerts.js';
import { defineVendorBinding } from './vendor-binding.js';

type Finding = Record<string, unknown> & { id?: string; service?: Record<string, unknown> };

const fallbackDetectorId = '12abc34d567e8fa901bc2d34e0sandbox';

function findings(world: World): Finding[] {
  return world.alertsOf('aws-guardduty') as Finding[];
}

function detectorOf(world: World): string {
  const first = findings(world)[0];
  const id = first?.service?.detectorId;
  return typeof id === 'string' ? id : fallbackDetectorId;
}

type Criterion = {
  equals?: string[];
  notEquals?: string[];
  greaterThan?: number;
  greaterThanOrEqual?: number;
  lessThan?: number;
  lessThanOrEqual?: number;
};

function numeric(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const parsed = /^\d{4}-\d\d-\d\dT/.test(value) ? Date.parse(value) : Number(value);
    return Number.isNaN(parsed) ? undefined : parsed;
  }
  return undefined;
}

function satisfies(finding: Finding, path: string, criterion: Criterion): boolean {
  const raw = readPath(finding, path);
  const value = raw === undefined && path === 'service.archived' ? false : raw;
  const text = value === undefined ? undefined : String(value);
  if (criterion.equals !== undefined && (text === undefined || !criterion.equals.includes(text))) return false;
  if (criterion.notEquals !== undefined && text !== undefined && criterion.notEquals.includes(text)) return false;
  const number = numeric(value);
  const bounds: [number | undefined, (a: number, b: number) => boolean][] = [
    [criterion.greaterThan, (a, b) => a > b],
    [criterion.greaterThanOrEqual, (a, b) => a >= b],
    [criterion.lessThan, (a, b) => a < b],
    [criterion.lessThanOrEqual, (a, b) => a <= b],
  ];
  for (const [bound, compare] of bounds) {
    if (bound !== undefined && (number === undefined || !compare(number, bound))) return false;
  }
  return true;
}

function checkDetector(world: World, input: Record<string, unknown>): Response | undefined {
  if (text(input, 'detectorId') === detectorOf(world)) return undefined;
  return vendorError(400, {
    __type: 'BadRequestException',
    message: `The request is rejected because the input detectorId is not owned by the current account.`,
  });
}

function setArchived(world: World, input: Record<string, unknown>, archived: boolean) {
  const ids = new Set(listOf(input.findingIds));
  for (const finding of findings(world)) {
    if (finding.id !== undefined && ids.has(finding.id)) finding.service = { ...finding.service, archived };
  }
  return {};
}

/** Amazon GuardDuty: the scenario's findings, searchable and archivable. */
export const awsGuarddutyVendor = defineVendorBinding({
  id: 'aws-guardduty',
  definition: awsGuarddutyConnector,
  baseUrlVariables: { region: 'us-east-1' },
  latencyMs: 200,
  credentials: { type: 'awsSigV4', accessKeyId: 'AKIASANDBOXGUARDDUTY', secretAccessKey: 'sandbox-guardduty-secret' },
  fallbackHandlers: () => awsGuarddutyHandlers({ baseUrlVariables: { region: 'us-east-1' } }),
  alertNormalizers,
  socTools: (connector) => guardDutySocActions(connector),
  seedAlerts: (world, payloads) => {
    // An EventBridge event carries the finding in `detail`; the API serves the finding itself.
    world.addVendorAlerts(
      'aws-guardduty',
      payloads.flatMap((payload) => {
        const record = payload as Record<string, unknown>;
        if (Array.isArray(record.findings)) return record.findings;
        return [typeof record.detail === 'object' && record.detail !== null ? record.detail : payload];
      }),
    );
  },
  responders: {
    listDetectors: ({ world }) => ({ detectorIds: [detectorOf(world)] }),
    listFindings: ({ world, input }) => {
      const refused = checkDetector(world, input);
      if (refused) return refused;
      const criteria = ((input.findingCriteria as { criterion?: Record<string, Criterion> } | undefined)?.criterion ??
        {}) as Record<string, Criterion>;
      const matching = findings(world).filter((finding) =>
        Object.entries(criteria).every(([path, criterion]) => satisfies(finding, path, criterion)),
      );
      const limit = typeof input.maxResults === 'number' ? input.maxResults : 50;
      return { findingIds: matching.slice(0, limit).flatMap((finding) => (finding.id ? [finding.id] : [])) };
    },
    getFindings: ({ world, input }) => {
      const refused = checkDetector(world, input);
      if (refused) return refused;
      const ids = new Set(listOf(input.findingIds));
      return { findings: findings(world).filter((finding) => finding.id !== undefined && ids.has(finding.id)) };
    },
    archiveFindings: ({ world, input }) => checkDetector(world, input) ?? setArchived(world, input, true),
    unarchiveFindings: ({ world, input }) => checkDetector(world, input) ?? setArchived(world, input, false),
  },
});
