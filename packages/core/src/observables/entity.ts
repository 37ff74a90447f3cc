import { z } from 'zod';

/** The kinds of canonical entity Rampart correlates and reasons about. */
export const entityKinds = [
  'ip',
  'domain',
  'url',
  'email',
  'hash',
  'user',
  'host',
  'process',
  'file',
  'cloud_resource',
  'mailbox',
] as const;
export const EntityKind = z.enum(entityKinds);
export type EntityKind = z.infer<typeof EntityKind>;

/** An entity in canonical form: two observables that mean the same thing have the same `value`. */
export const Entity = z.object({
  kind: EntityKind,
  value: z.string().min(1),
});
export type Entity = z.infer<typeof Entity>;

/** `kind:value`, the identity used by indexes, correlation and the context graph. */
export type EntityKey = `${EntityKind}:${string}`;

export function entityKey(entity: Entity): EntityKey {
  // `join` builds one flat string; a template literal builds a rope that every map lookup must flatten into a
  // copy first, and a stored key would then keep both (measured: ~5% of what the memory case store keeps per alert).
  return [entity.kind, entity.value].join(':') as EntityKey;
}

export function parseEntityKey(key: string): Entity {
  const separator = key.indexOf(':');
  const kind = EntityKind.parse(key.slice(0, separator));
  return { kind, value: key.slice(separator + 1) };
}
