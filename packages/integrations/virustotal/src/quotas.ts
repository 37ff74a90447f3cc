import { type ConnectorOptions, createConnector, defineConnector, type QuotaDefinition } from '@rampart/connector-kit';
import { virustotalConnector } from './generated/connector.js';

const premiumSource = 'https://docs.virustotal.com/reference/public-vs-premium-api';

/** The request allowance of a premium (private API) key, as its contract states it. */
export interface VirusTotalPremiumQuotas {
  perMinute: number;
  perDay?: number;
  perMonth?: number;
}

/**
 * The connector definition with a premium key's allowance in place of the public API's 4 per minute and 500 per
 * day. The manifest can only state the public limits: premium limits are per contract.
 */
export function virustotalConnectorWithQuotas(allowance: VirusTotalPremiumQuotas) {
  const quota = (id: string, limit: number, windowMs: number): QuotaDefinition => ({
    id,
    scope: 'credential',
    appliesTo: 'all',
    limit,
    windowMs,
    source: premiumSource,
  });
  const quotas: QuotaDefinition[] = [quota('premium-per-minute', allowance.perMinute, 60_000)];
  if (allowance.perDay !== undefined) quotas.push(quota('premium-per-day', allowance.perDay, 86_400_000));
  if (allowance.perMonth !== undefined) quotas.push(quota('premium-per-month', allowance.perMonth, 30 * 86_400_000));
  return defineConnector({ ...virustotalConnector, quotas });
}

/** `createVirustotalConnector` for a premium key: the same tools, limited by the key's contract. */
export function createVirusTotalConnectorWithQuotas(
  options: ConnectorOptions<typeof virustotalConnector> & { quotas: VirusTotalPremiumQuotas },
) {
  const { quotas, ...connectorOptions } = options;
  return createConnector(virustotalConnectorWithQuotas(quotas), connectorOptions);
}
