import type { z } from 'zod';
import { RampartError, ValidationError } from '../errors.js';
import { parseOrThrow } from '../validation.js';
import { type Alert, parseAlert } from './alert.js';
import { assertPayloadDepth } from './payload-depth.js';

/**
 * Turns one vendor-native alert, finding or event into Rampart's `Alert`. Each connector that emits alerts
 * ships one per native shape (Okta System Log event, GuardDuty finding, Defender alert ...).
 */
export interface AlertNormalizer {
  /** `<connectorId>.<shape>`, e.g. `okta.system-log-event`. */
  id: string;
  connectorId: string;
  description: string;
  /** The native shape, loose: unknown vendor fields pass; wrong types of declared ones are caught. */
  input: z.ZodType;
  /** Whether a payload looks like this shape; used to pick a normalizer when a connector has several. */
  matches(payload: unknown): boolean;
  /** Parses the payload with `input` (a `ValidationError` names the bad path) and returns a validated `Alert`. */
  normalize(payload: unknown): Alert;
}

export interface NormalizerSpec<Native> {
  id: string;
  connectorId: string;
  description: string;
  input: z.ZodType<Native>;
  matches?: (payload: unknown) => boolean;
  /**
   * Returns Alert input; the result is validated with `parseAlert`, so a normalizer bug is a typed error.
   * `payload` is the value as received (before the schema parsed it), for `raw_data` kept verbatim.
   */
  normalize: (native: Native, payload: unknown) => unknown;
}

/** Declares a normalizer whose input is parsed with its schema and whose output is a validated `Alert`. */
export function defineNormalizer<Native>(spec: NormalizerSpec<Native>): AlertNormalizer {
  return Object.freeze({
    id: spec.id,
    connectorId: spec.connectorId,
    description: spec.description,
    input: spec.input,
    matches: spec.matches ?? ((payload: unknown) => spec.input.safeParse(payload).success),
    normalize(payload: unknown): Alert {
      assertPayloadDepth(payload, `${spec.id} input`);
      const parsed = parseOrThrow(spec.input, payload, `${spec.id} input`);
      return parseAlert(spec.normalize(parsed, payload));
    },
  });
}

/** No normalizer of the connector accepts the payload. */
export class UnrecognizedAlertError extends RampartError {
  override readonly name = 'UnrecognizedAlertError';
  constructor(
    readonly connectorId: string,
    readonly path: string,
  ) {
    super(`No ${connectorId} normalizer recognises the payload at ${path || '(root)'}`);
  }
  static override isInstance(value: unknown): value is UnrecognizedAlertError {
    return RampartError.isInstance(value) && value.name === 'UnrecognizedAlertError';
  }
}

/**
 * Normalizes a payload as saved from a vendor: one native alert, an array of them, or a list envelope
 * (`envelopeKeys`, e.g. `value` for Microsoft Graph, `resources` for CrowdStrike, `alerts`). Each item goes to
 * the first normalizer that `matches` it. Errors name the item's path, e.g. `value[3].severity`.
 */
export function normalizeAlerts(
  connectorId: string,
  normalizers: readonly AlertNormalizer[],
  payload: unknown,
  envelopeKeys: readonly string[] = ['value', 'resources', 'alerts', 'findings', 'data', 'items'],
): Alert[] {
  const items = listedItems(payload, envelopeKeys);
  return items.map(({ item, path }) => {
    // Before `matches`, whose schema parse recurses as deep as the payload does.
    assertPayloadDepth(item, `${connectorId} alert`, path);
    const normalizer = normalizers.find((candidate) => candidate.matches(item));
    if (!normalizer) throw new UnrecognizedAlertError(connectorId, path);
    try {
      return normalizer.normalize(item);
    } catch (error) {
      if (ValidationError.isInstance(error) && path) {
        throw new ValidationError(
          error.subject,
          error.issues.map((issue) => ({ ...issue, path: issue.path ? `${path}.${issue.path}` : path })),
          { cause: error },
        );
      }
      throw error;
    }
  });
}

/** The items of a payload with their paths: an array's elements, an envelope's list, or the payload itself. */
function listedItems(payload: unknown, envelopeKeys: readonly string[]): { item: unknown; path: string }[] {
  if (Array.isArray(payload)) return payload.map((item, index) => ({ item, path: `[${index}]` }));
  const record = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : undefined;
  const envelope = envelopeKeys.find((key) => Array.isArray(record?.[key]));
  if (envelope === undefined) return [{ item: payload, path: '' }];
  return (record![envelope] as unknown[]).map((item, index) => ({ item, path: `${envelope}[${index}]` }));
}
