import type { JsonSchema } from '@rampart/core';
import type { SubjectKind } from './subjects.js';

/**
 * Fills a tool's arguments from its JSON Schema, the way an analyst fills a form: the subject goes into the field
 * named for it (`ip`, `hostId`, `userName` …), free-text fields get the reasoner's own text, enums their first
 * value. Vendor-neutral by construction, and deterministic.
 */
export interface ArgumentValues {
  /** The thing the call is about; `uid` is its vendor id, used for fields that take an id (`hostIds`, `userId`). */
  subject?: { kind: SubjectKind; value: string; uid?: string };
  /** A mailbox, for message tools that want one beside the message id. */
  mailbox?: string;
  /** Other subjects the call may need beside the main one (an IAM user beside its access key). */
  related?: ReadonlyArray<{ kind: SubjectKind; value: string }>;
  title: string;
  body: string;
  reason: string;
  /** Values by property name, used first (e.g. `{ channel: '#soc' }`). */
  defaults?: Readonly<Record<string, unknown>>;
  /** Words of what the call is for (`contain`, `suspend` …): an enum field takes the value that names one. */
  intent?: readonly string[];
}

/**
 * Where the subject went: `named` into a field named for it (`messageId`, `hash`), `search` into a generic search
 * field (`q`, `query`), `only-field` into the one required text field; `none` when the call has no subject. A caller
 * choosing between tools prefers a named field: a message id is a message id, not a search query.
 */
export type SubjectPlacement = 'named' | 'search' | 'only-field' | 'none';

export type FilledArguments =
  | { ok: true; arguments: Record<string, unknown>; placement: SubjectPlacement }
  | { ok: false; missing: string[] };

const subjectPatterns: Record<SubjectKind, RegExp> = {
  ip: /(^|_)ip(v[46])?($|_|address|addr)|^address$|^ipaddress$|^ip_address$|^ip$/i,
  domain: /domain|fqdn|hostname|^host$/i,
  url: /url|uri|link/i,
  hash: /hash|sha256|sha1|md5|^sha|^file/i,
  account: /user|login|upn|principal|account|email|identity|member|^id$/i,
  host: /host|device|endpoint|machine|computer|sensor|agent|^aid$|^ids?$/i,
  sender: /sender|^from$|email|address|query|search|^q$/i,
  message: /message|^id$|item|mail_?id/i,
  'cloud-key': /access_?key|key_?id|^key$/i,
  'cloud-identity': /user|principal|identity|arn|^name$/i,
};

// A generic search field takes the subject when no field is named for it (`q`, `query`, `search`).
const searchPattern = /^(q|query|search|keywords?|term)$/i;
const mailboxPattern = /mailbox|recipient|owner|^user(_?id|_?name|principal)?$|^upn$/i;
const titlePattern = /title|subject|summary|headline|^name$/i;
const reasonPattern = /reason|justification|comment|note/i;
const bodyPattern = /description|body|text|message|details|content/i;
const identifierPattern = /(id|uid|key|arn)$/i;

function typesOf(property: JsonSchema): string[] {
  const type = property.type;
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.filter((item): item is string => typeof item === 'string');
  const variants = (property.anyOf ?? property.oneOf) as JsonSchema[] | undefined;
  return Array.isArray(variants) ? variants.flatMap(typesOf) : [];
}

const isStringLike = (property: JsonSchema) => {
  const types = typesOf(property);
  return types.length === 0 || types.includes('string');
};

/** Whether `value` fits the field: a text field, or a list of texts, whose `pattern` (if any) it matches. */
function acceptsText(property: JsonSchema, value: string): boolean {
  const types = typesOf(property);
  const field =
    types.includes('array') && typeof property.items === 'object' ? (property.items as JsonSchema) : property;
  if (!isStringLike(field) || (types.length > 0 && !types.includes('string') && !types.includes('array'))) return false;
  if (Array.isArray(field.enum)) return field.enum.includes(value);
  if (typeof field.pattern !== 'string') return true;
  try {
    return new RegExp(field.pattern, 'u').test(value);
  } catch {
    return true;
  }
}

function textFor(name: string, values: ArgumentValues): string | undefined {
  if (identifierPattern.test(name)) return undefined;
  if (reasonPattern.test(name)) return values.reason;
  if (titlePattern.test(name)) return values.title;
  if (bodyPattern.test(name)) return values.body;
  return undefined;
}

export function fillArguments(schema: JsonSchema, values: ArgumentValues): FilledArguments {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const filled: Record<string, unknown> = {};
  const missing: string[] = [];
  let subjectPlaced = values.subject === undefined;
  const names = [...Object.keys(properties)].sort((a, b) => Number(required.has(b)) - Number(required.has(a)));

  // The subject first, into the best-named field that takes it (a required one before an optional one): never a
  // count or flag whose name happens to match (`maxMessages` is not a message), never against the field's pattern.
  let placement: SubjectPlacement = 'none';
  if (values.subject !== undefined) {
    const subject = values.subject;
    const pattern = subjectPatterns[subject.kind];
    const valueFor = (name: string) => (subject.uid !== undefined && /ids?$/i.test(name) ? subject.uid : subject.value);
    const fits = (name: string) => acceptsText(properties[name]!, valueFor(name));
    const named =
      names.find((name) => pattern.test(name) && !/^ids?$/i.test(name) && fits(name)) ??
      names.find((name) => pattern.test(name) && fits(name));
    const search = named === undefined ? names.find((name) => searchPattern.test(name) && fits(name)) : undefined;
    const target = named ?? search;
    if (target !== undefined) {
      const property = properties[target]!;
      filled[target] = typesOf(property).includes('array') ? [valueFor(target)] : valueFor(target);
      subjectPlaced = true;
      placement = named !== undefined ? 'named' : 'search';
    } else if ([...required].filter((name) => isStringLike(properties[name] ?? {})).length === 1) {
      const only = [...required].find((name) => isStringLike(properties[name] ?? {}))!;
      if (textFor(only, values) === undefined && acceptsText(properties[only]!, subject.value)) {
        filled[only] = subject.value;
        subjectPlaced = true;
        placement = 'only-field';
      }
    }
  }
  for (const name of names) {
    if (name in filled) continue;
    const property = properties[name]!;
    const isRequired = required.has(name);
    const preset = values.defaults?.[name];
    if (preset !== undefined) {
      filled[name] = preset;
      continue;
    }
    if (values.mailbox !== undefined && mailboxPattern.test(name) && isStringLike(property)) {
      filled[name] = values.mailbox;
      continue;
    }
    if (isStringLike(property) && !Array.isArray(property.enum)) {
      const text = textFor(name, values);
      if (text !== undefined && (isRequired || reasonPattern.test(name))) {
        const limit = typeof property.maxLength === 'number' ? property.maxLength : undefined;
        filled[name] = limit === undefined ? text : text.slice(0, limit);
        continue;
      }
    }
    if (!isRequired) continue;
    const relatedValue = values.related?.find((other) => subjectPatterns[other.kind].test(name));
    if (relatedValue !== undefined && isStringLike(property)) {
      filled[name] = relatedValue.value;
      continue;
    }
    if (Array.isArray(property.enum) && property.enum.length > 0) {
      const intended = property.enum.find(
        (option) =>
          typeof option === 'string' &&
          option
            .toLowerCase()
            .split(/[^a-z0-9]+/)
            .some((word) => values.intent?.includes(word)),
      );
      filled[name] = intended ?? property.enum[0];
    } else if ('default' in property) filled[name] = property.default;
    else if (typesOf(property).includes('boolean')) filled[name] = false;
    else if (typesOf(property).some((type) => type === 'number' || type === 'integer')) {
      filled[name] = typeof property.minimum === 'number' ? property.minimum : 1;
    } else missing.push(name);
  }
  if (!subjectPlaced) missing.push(`(a field for the ${values.subject!.kind})`);
  return missing.length > 0 ? { ok: false, missing } : { ok: true, arguments: filled, placement };
}
