import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Reads the official OCSF schema source tree that contributors and CI have at `../shared/ocsf-schema` from
 * the repository root (test reference data, never needed at run time), and resolves what its build would:
 * `extends` chains and `$include`d profile attributes.
 */

const repositoryRoot = new URL('../../../../', import.meta.url);
export const ocsfSchemaDirectory = fileURLToPath(new URL('../shared/ocsf-schema/', repositoryRoot));
export const ocsfSchemaAvailable = existsSync(`${ocsfSchemaDirectory}dictionary.json`);
export const ocsfSchemaMissingReason = `OCSF schema not found at ${ocsfSchemaDirectory}; OCSF conformance tests skipped`;

export interface AttributeDefinition {
  type?: string;
  is_array?: boolean;
  caption?: string;
  enum?: Record<string, { caption: string }>;
  observable?: number;
  requirement?: string;
  [key: string]: unknown;
}

export interface Definition {
  name: string;
  caption: string;
  uid?: number;
  extends?: string;
  category?: string;
  observable?: number;
  attributes: Record<string, AttributeDefinition | string[]>;
  '@deprecated'?: { message: string; since: string };
}

interface Dictionary {
  attributes: Record<string, AttributeDefinition>;
  types: { attributes: Record<string, AttributeDefinition> };
}

function readJson<T>(relativePath: string): T {
  return JSON.parse(readFileSync(`${ocsfSchemaDirectory}${relativePath}`, 'utf8')) as T;
}

function definitionsIn(directory: string): Map<string, Definition & { file: string }> {
  const definitions = new Map<string, Definition & { file: string }>();
  const walk = (relative: string) => {
    for (const entry of readdirSync(`${ocsfSchemaDirectory}${relative}`, { withFileTypes: true })) {
      const path = `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.json')) {
        const definition = readJson<Definition>(path);
        definitions.set(definition.name, { ...definition, file: path });
      }
    }
  };
  walk(directory);
  return definitions;
}

export class OcsfSchema {
  readonly version: string;
  readonly dictionary: Dictionary;
  readonly categories: Record<string, { uid: number; caption: string }>;
  readonly objects: Map<string, Definition & { file: string }>;
  readonly events: Map<string, Definition & { file: string }>;

  constructor() {
    this.version = readJson<{ version: string }>('version.json').version;
    this.dictionary = readJson<Dictionary>('dictionary.json');
    this.categories = readJson<{ attributes: Record<string, { uid: number; caption: string }> }>(
      'categories.json',
    ).attributes;
    this.objects = definitionsIn('objects');
    this.events = definitionsIn('events');
  }

  /** An object's or event class's attributes after `extends` and `$include`, each merged over its base. */
  resolvedAttributes(definition: Definition, within: Map<string, Definition>): Record<string, AttributeDefinition> {
    const base: Record<string, AttributeDefinition> = {};
    if (definition.extends !== undefined) {
      const parent = within.get(definition.extends);
      if (parent === undefined) throw new Error(`${definition.name} extends unknown ${definition.extends}`);
      Object.assign(base, this.resolvedAttributes(parent, within));
    }
    const merge = (attributes: Definition['attributes']) => {
      for (const [name, attribute] of Object.entries(attributes)) {
        if (name === '$include') {
          for (const included of attribute as string[]) merge(readJson<Definition>(included).attributes);
          continue;
        }
        base[name] = { ...base[name], ...(attribute as AttributeDefinition) };
      }
    };
    merge(definition.attributes);
    return base;
  }

  objectAttributes(name: string): Record<string, AttributeDefinition> {
    const definition = this.objects.get(name);
    if (definition === undefined) throw new Error(`no OCSF object ${name}`);
    return this.resolvedAttributes(definition, this.objects);
  }

  classAttributes(name: string): Record<string, AttributeDefinition> {
    const definition = this.events.get(name);
    if (definition === undefined) throw new Error(`no OCSF event class ${name}`);
    return this.resolvedAttributes(definition, this.events);
  }

  /** The attribute's type: the object's own override, else the dictionary's. */
  typeOf(attributeName: string, attribute: AttributeDefinition | undefined): { type: string; isArray: boolean } {
    const entry = this.dictionary.attributes[attributeName];
    return {
      type: (attribute?.type ?? entry?.type) as string,
      isArray: Boolean(attribute?.is_array ?? entry?.is_array),
    };
  }

  /** The primitive a data type reduces to (`email_t` → `string_t`, `timestamp_t` → `long_t`). */
  baseType(type: string): string {
    const definition = this.dictionary.types.attributes[type];
    return definition?.type ?? type;
  }

  /** The event class with `class_uid` (category uid × 1000 + class uid, category from `events/<category>/`). */
  classByUid(classUid: number): (Definition & { file: string; categoryName: string; categoryUid: number }) | undefined {
    for (const definition of this.events.values()) {
      const [, categoryName] = definition.file.split('/');
      const category = categoryName === undefined ? undefined : this.categories[categoryName];
      if (definition.uid === undefined || category === undefined) continue;
      if (category.uid * 1000 + definition.uid === classUid) {
        return { ...definition, categoryName: categoryName!, categoryUid: category.uid };
      }
    }
    return undefined;
  }

  categoryOf(definition: Definition): string | undefined {
    if (definition.category !== undefined) return definition.category;
    const parent = definition.extends === undefined ? undefined : this.events.get(definition.extends);
    return parent === undefined ? undefined : this.categoryOf(parent);
  }
}
