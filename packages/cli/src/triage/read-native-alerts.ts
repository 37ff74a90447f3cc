import { readFile } from 'node:fs/promises';
import {
  type Alert,
  type AlertNormalizer,
  normalizeAlerts,
  UnrecognizedAlertError,
  ValidationError,
} from '@rampart/core';
import { importConnectorPackage } from '../mcp/load-connectors.js';
import { UsageError } from '../usage.js';

export interface NativeAlerts {
  /** The file's content, as parsed. */
  payload: unknown;
  alerts: Alert[];
}

type Normalize = (payload: unknown) => Alert[];

function isNormalizer(value: unknown): value is AlertNormalizer {
  return typeof (value as AlertNormalizer | null)?.normalize === 'function';
}

/**
 * The connector package's alert normalization. Each package exports `alertNormalizers` and one
 * `normalize<Vendor>Alerts` that knows the vendor's list envelopes (GuardDuty's `findings` only, PagerDuty's
 * `{ incident }` …); that function is used when there is exactly one, else the normalizers with core's envelopes.
 */
async function normalizerOf(connectorId: string): Promise<Normalize> {
  const module = await importConnectorPackage(connectorId);
  const normalizers = module.alertNormalizers;
  if (!Array.isArray(normalizers) || !normalizers.every(isNormalizer)) {
    throw new UsageError(`@rampart/connector-${connectorId} exports no alertNormalizers`);
  }
  if (normalizers.length === 0) {
    throw new UsageError(`connector "${connectorId}" emits no alerts (its package has no alert normalizers)`);
  }
  const own = Object.entries(module).filter(
    ([name, value]) => /^normalize[A-Za-z0-9]*Alerts$/.test(name) && typeof value === 'function',
  );
  if (own.length === 1) return own[0]![1] as Normalize;
  return (payload) => normalizeAlerts(connectorId, normalizers, payload);
}

/**
 * Reads native alerts from a JSON file (one alert, an array, or a vendor list envelope) and normalizes them with
 * `@rampart/connector-<connectorId>`. A missing file or package is a usage error; content the normalizers do not
 * accept is a `ValidationError` naming the file and each item's path (`value[3].severity`).
 */
export async function readNativeAlerts(file: string, connectorId: string): Promise<NativeAlerts> {
  const normalize = await normalizerOf(connectorId);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const subject = `alerts in ${file}`;
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (error) {
    throw new ValidationError(subject, [{ path: '', message: `not JSON (${(error as Error).message})` }]);
  }
  try {
    const alerts = normalize(payload);
    if (alerts.length === 0) throw new ValidationError(subject, [{ path: '', message: 'holds no alerts' }]);
    return { payload, alerts };
  } catch (error) {
    if (UnrecognizedAlertError.isInstance(error)) {
      const names = (await importConnectorPackage(connectorId)).alertNormalizers as AlertNormalizer[];
      throw new ValidationError(
        subject,
        [
          {
            path: error.path,
            message: `no ${connectorId} normalizer recognises this item (tried ${names.map((item) => item.id).join(', ')})`,
          },
        ],
        { cause: error },
      );
    }
    if (ValidationError.isInstance(error) && error.subject !== subject) {
      throw new ValidationError(subject, error.issues, { cause: error });
    }
    throw error;
  }
}
