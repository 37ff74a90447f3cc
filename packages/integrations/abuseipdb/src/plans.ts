import { type ConnectorOptions, createConnector, defineConnector } from '@rampart/connector-kit';
import { abuseipdbConnector } from './generated/connector.js';

/** AbuseIPDB subscription plans (Standard is the free one; Webmaster and Supporter are free, verified tiers). */
export type AbuseipdbPlan = 'standard' | 'webmaster' | 'supporter' | 'basic' | 'premium';

type QuotaId = (typeof abuseipdbConnector.quotas)[number]['id'];

/** Requests a day per endpoint, as https://docs.abuseipdb.com/#api-daily-rate-limits lists them per plan. */
export const abuseipdbDailyLimits: Readonly<Record<AbuseipdbPlan, Readonly<Record<QuotaId, number>>>> = {
  standard: {
    'check-daily': 1000,
    'reports-daily': 100,
    'report-daily': 1000,
    'blacklist-daily': 5,
    'check-block-daily': 100,
  },
  webmaster: {
    'check-daily': 3000,
    'reports-daily': 500,
    'report-daily': 3000,
    'blacklist-daily': 10,
    'check-block-daily': 250,
  },
  supporter: {
    'check-daily': 5000,
    'reports-daily': 1000,
    'report-daily': 5000,
    'blacklist-daily': 20,
    'check-block-daily': 500,
  },
  basic: {
    'check-daily': 10_000,
    'reports-daily': 5000,
    'report-daily': 10_000,
    'blacklist-daily': 100,
    'check-block-daily': 1000,
  },
  premium: {
    'check-daily': 50_000,
    'reports-daily': 25_000,
    'report-daily': 50_000,
    'blacklist-daily': 500,
    'check-block-daily': 5000,
  },
};

/** The connector definition with the daily limits of `plan` (the manifest states the free Standard plan's). */
export function abuseipdbConnectorForPlan(plan: AbuseipdbPlan) {
  const limits = abuseipdbDailyLimits[plan];
  return defineConnector({
    ...abuseipdbConnector,
    quotas: abuseipdbConnector.quotas.map((quota) => ({ ...quota, limit: limits[quota.id] })),
  });
}

/** `createAbuseipdbConnector` for an account on `plan`. */
export function createAbuseipdbConnectorForPlan(
  options: ConnectorOptions<typeof abuseipdbConnector> & { plan: AbuseipdbPlan },
) {
  const { plan, ...connectorOptions } = options;
  return createConnector(abuseipdbConnectorForPlan(plan), connectorOptions);
}
