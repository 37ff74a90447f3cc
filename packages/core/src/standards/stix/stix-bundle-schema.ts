import { z } from 'zod';
import { parseOrThrow } from '../../validation.js';

/**
 * The STIX 2.1 objects Rampart exports, checked against the rules of the specification
 * (https://docs.oasis-open.org/cti/stix/v2.1/os/stix-v2.1-os.html): identifier form (§2.9), timestamps in UTC with
 * millisecond precision at most (§3.2), the required common properties (§3.1) and those of each object type.
 * Not a full STIX validator: it covers what `stixBundleOfCase` writes, so a change that breaks validity fails a test.
 */

const identifier = (type: string) =>
  z
    .string()
    .regex(
      new RegExp(`^${type}--[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`),
      `a ${type} identifier`,
    );
const anyIdentifier = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*[a-z0-9]--[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
const timestamp = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/, 'a STIX timestamp (UTC, RFC 3339)');
const externalReference = z.strictObject({
  source_name: z.string().min(1),
  external_id: z.string().min(1).optional(),
  url: z.string().url().optional(),
  description: z.string().optional(),
});

const domainCommon = <T extends string>(type: T) => ({
  type: z.literal(type),
  spec_version: z.literal('2.1'),
  id: identifier(type),
  created: timestamp,
  modified: timestamp,
  created_by_ref: identifier('identity').optional(),
  external_references: z.array(externalReference).optional(),
  labels: z.array(z.string()).optional(),
});
const observableCommon = <T extends string>(type: T) => ({
  type: z.literal(type),
  spec_version: z.literal('2.1'),
  id: identifier(type),
});

export const StixObject = z.discriminatedUnion('type', [
  z.strictObject({
    ...domainCommon('identity'),
    name: z.string().min(1),
    identity_class: z.enum(['individual', 'group', 'system', 'organization', 'class', 'unknown']),
  }),
  z.strictObject({
    ...domainCommon('indicator'),
    name: z.string().optional(),
    description: z.string().optional(),
    indicator_types: z.array(z.string()).optional(),
    pattern: z.string().min(1),
    pattern_type: z.literal('stix'),
    valid_from: timestamp,
  }),
  z.strictObject({
    ...domainCommon('observed-data'),
    first_observed: timestamp,
    last_observed: timestamp,
    number_observed: z.number().int().min(1).max(999_999_999),
    object_refs: z.array(anyIdentifier).min(1),
  }),
  z.strictObject({
    ...domainCommon('sighting'),
    first_seen: timestamp,
    last_seen: timestamp,
    count: z.number().int().min(0).max(999_999_999),
    sighting_of_ref: anyIdentifier,
    observed_data_refs: z.array(identifier('observed-data')).optional(),
    where_sighted_refs: z.array(anyIdentifier).optional(),
  }),
  z.strictObject({
    ...domainCommon('attack-pattern'),
    name: z.string().min(1),
  }),
  z.strictObject({
    ...domainCommon('relationship'),
    relationship_type: z.string().regex(/^[a-z0-9-]+$/),
    source_ref: anyIdentifier,
    target_ref: anyIdentifier,
  }),
  z.strictObject({
    ...domainCommon('grouping'),
    name: z.string().optional(),
    description: z.string().optional(),
    context: z.string().min(1),
    object_refs: z.array(anyIdentifier).min(1),
  }),
  z.strictObject({ ...observableCommon('ipv4-addr'), value: z.string().min(1) }),
  z.strictObject({ ...observableCommon('ipv6-addr'), value: z.string().min(1) }),
  z.strictObject({ ...observableCommon('domain-name'), value: z.string().min(1) }),
  z.strictObject({ ...observableCommon('url'), value: z.string().min(1) }),
  z.strictObject({ ...observableCommon('email-addr'), value: z.string().min(1) }),
  z.strictObject({
    ...observableCommon('file'),
    hashes: z
      .partialRecord(z.enum(['MD5', 'SHA-1', 'SHA-256', 'SHA-512']), z.string().regex(/^[0-9a-f]+$/))
      .refine((hashes) => Object.keys(hashes).length > 0, 'at least one hash'),
  }),
]);
export type StixObject = z.infer<typeof StixObject>;

export const StixBundle = z
  .strictObject({
    type: z.literal('bundle'),
    id: identifier('bundle'),
    objects: z.array(StixObject),
  })
  .superRefine((bundle, context) => {
    // Every reference resolves inside the bundle, and no id is used twice.
    const ids = new Set<string>();
    bundle.objects.forEach((object, index) => {
      if (ids.has(object.id))
        context.addIssue({ code: 'custom', path: ['objects', index, 'id'], message: `duplicate id ${object.id}` });
      ids.add(object.id);
    });
    bundle.objects.forEach((object, index) => {
      for (const [key, value] of Object.entries(object)) {
        const references = key.endsWith('_ref') ? [value] : key.endsWith('_refs') ? (value as unknown[]) : [];
        for (const reference of references) {
          if (typeof reference === 'string' && !ids.has(reference)) {
            context.addIssue({
              code: 'custom',
              path: ['objects', index, key],
              message: `${reference} is not in the bundle`,
            });
          }
        }
      }
    });
  });
export type StixBundle = z.infer<typeof StixBundle>;

/** Validates a bundle Rampart wrote (or will send): throws a `ValidationError` naming every bad path. */
export function parseStixBundle(value: unknown): StixBundle {
  return parseOrThrow(StixBundle, value, 'STIX 2.1 bundle');
}
