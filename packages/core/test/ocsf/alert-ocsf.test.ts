import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { Alert, observableTypeIds, parseAlert } from '../../src/alerts/alert.js';
import { ocsfClasses } from '../../src/alerts/ocsf-classes.js';
import { severityLabels } from '../../src/alerts/severity.js';
import { ValidationError } from '../../src/errors.js';
import { OcsfSchema, ocsfSchemaAvailable, ocsfSchemaMissingReason } from './ocsf-schema.js';

if (!ocsfSchemaAvailable) console.warn(ocsfSchemaMissingReason);

/** What a zod schema emits, reduced to what OCSF types can be compared with. */
type Shape =
  | { kind: 'string' | 'integer' | 'number' | 'boolean' | 'record' | 'unknown' }
  | { kind: 'array'; element: Shape }
  | { kind: 'object'; fields: Record<string, Shape> };

function shapeOf(schema: z.ZodType): Shape {
  const definition = schema.def as unknown as { type: string; innerType?: z.ZodType; element?: z.ZodType };
  switch (definition.type) {
    case 'optional':
    case 'default':
    case 'nullable':
      return shapeOf(definition.innerType!);
    case 'string':
      return { kind: 'string' };
    case 'number':
      return { kind: (schema as z.ZodNumber).isInt ? 'integer' : 'number' };
    case 'boolean':
      return { kind: 'boolean' };
    case 'record':
      return { kind: 'record' };
    case 'array':
      return { kind: 'array', element: shapeOf(definition.element!) };
    case 'object': {
      const shape = (schema as z.ZodObject).shape as Record<string, z.ZodType>;
      return {
        kind: 'object',
        fields: Object.fromEntries(Object.entries(shape).map(([name, field]) => [name, shapeOf(field)])),
      };
    }
    default:
      return { kind: 'unknown' };
  }
}

const alertShape = shapeOf(Alert) as Extract<Shape, { kind: 'object' }>;

describe.skipIf(!ocsfSchemaAvailable)('Rampart alerts against the official OCSF schema', () => {
  const ocsf = ocsfSchemaAvailable ? new OcsfSchema() : (undefined as unknown as OcsfSchema);

  /** Every mismatch between a Rampart object shape and an OCSF object (or class), as `path: problem`. */
  function mismatches(
    fields: Record<string, Shape>,
    attributes: Record<string, { type?: string; is_array?: boolean }>,
    path: string,
  ): string[] {
    const problems: string[] = [];
    for (const [name, shape] of Object.entries(fields)) {
      const where = path ? `${path}.${name}` : name;
      const attribute = attributes[name];
      if (attribute === undefined) {
        problems.push(`${where}: not an attribute here`);
        continue;
      }
      if (ocsf.dictionary.attributes[name] === undefined) problems.push(`${where}: not in the dictionary`);
      const { type, isArray } = ocsf.typeOf(name, attribute);
      let element = shape;
      if (isArray !== (shape.kind === 'array')) {
        problems.push(`${where}: OCSF ${isArray ? 'is' : 'is not'} an array`);
        continue;
      }
      if (shape.kind === 'array') element = shape.element;
      if (element.kind === 'object') {
        if (!ocsf.objects.has(type)) {
          problems.push(`${where}: Rampart has an object, OCSF has ${type}`);
          continue;
        }
        problems.push(...mismatches(element.fields, ocsf.objectAttributes(type), where));
        continue;
      }
      const base = ocsf.baseType(type);
      const compatible: Record<string, string[]> = {
        string: ['string_t'],
        integer: ['integer_t', 'long_t'],
        number: ['float_t', 'integer_t', 'long_t'],
        boolean: ['boolean_t'],
        record: ['object', 'json_t'],
      };
      if (!(compatible[element.kind] ?? []).includes(base)) {
        problems.push(`${where}: Rampart ${element.kind} vs OCSF ${type} (${base})`);
      }
    }
    return problems;
  }

  it('the Alert schema uses real OCSF attributes with compatible types (Detection Finding)', () => {
    expect(mismatches(alertShape.fields, ocsf.classAttributes('detection_finding'), '')).toEqual([]);
  });

  it('checks the nested objects it relies on', () => {
    // Guard against the walk silently skipping: each of these objects must have been compared.
    const nested = alertShape.fields;
    expect(Object.keys(nested)).toEqual(
      expect.arrayContaining([
        'finding_info',
        'metadata',
        'observables',
        'attacks',
        'resources',
        'severity_id',
        'time',
      ]),
    );
    const pairs: Array<[string, string]> = [
      ['finding_info', 'finding_info'],
      ['metadata', 'metadata'],
      ['metadata.product', 'product'],
      ['observables', 'observable'],
      ['attacks', 'attack'],
      ['finding_info.analytic', 'analytic'],
      ['resources', 'resource_details'],
    ];
    for (const [path, object] of pairs) {
      let shape: Shape = alertShape;
      for (const segment of path.split('.')) {
        shape = (shape as Extract<Shape, { kind: 'object' }>).fields[segment]!;
        if (shape.kind === 'array') shape = shape.element;
      }
      expect(shape.kind, path).toBe('object');
      const fields = (shape as Extract<Shape, { kind: 'object' }>).fields;
      expect(mismatches(fields, ocsf.objectAttributes(object), path), path).toEqual([]);
    }
  });

  it('metadata.version defaults to the OCSF version the schema copy is', () => {
    expect(ocsf.version).toBe('1.8.0');
    expect(parseAlert(minimalAlert()).metadata.version).toBe(ocsf.version);
  });

  it('severity_id values and captions match the dictionary enum', () => {
    const severity = ocsf.dictionary.attributes.severity_id!.enum!;
    for (const [id, label] of severityLabels.entries()) {
      expect(severity[String(id)]?.caption, `severity_id ${id}`).toBe(label);
    }
    // OCSF also defines 99 "Other", which Rampart's SeverityId (0-6) does not accept.
    expect(Object.keys(severity).sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '99']);
  });

  it('observableTypeIds match the OCSF observable type ids', () => {
    const types = ocsf.dictionary.types.attributes;
    const attributes = ocsf.dictionary.attributes;
    const objectId = (name: string) => ocsf.objects.get(name)?.observable;
    const expected: Record<keyof typeof observableTypeIds, number | undefined> = {
      hostname: types.hostname_t?.observable,
      ipAddress: types.ip_t?.observable,
      macAddress: types.mac_t?.observable,
      userName: types.username_t?.observable,
      emailAddress: types.email_t?.observable,
      urlString: types.url_t?.observable,
      fileName: types.file_name_t?.observable,
      hash: types.file_hash_t?.observable,
      processName: types.process_name_t?.observable,
      resourceUid: types.resource_uid_t?.observable,
      port: types.port_t?.observable,
      subnet: types.subnet_t?.observable,
      commandLine: attributes.cmd_line?.observable,
      userAgent: attributes.user_agent?.observable,
      endpoint: objectId('endpoint'),
      user: objectId('user'),
      email: objectId('email'),
      url: objectId('url'),
      file: objectId('file'),
      process: objectId('process'),
      filePath: types.file_path_t?.observable,
      other: ocsf.objects.get('observable')?.attributes.type_id ? 99 : undefined,
    };
    expect(observableTypeIds).toEqual(expected);
    const observableEnum = (ocsf.objects.get('observable')!.attributes.type_id as { enum: Record<string, unknown> })
      .enum;
    expect(Object.keys(observableEnum)).toContain('99');
  });

  it('the classes in ocsf-classes.ts exist with those uids, names and categories', () => {
    for (const [key, declared] of Object.entries(ocsfClasses)) {
      const found = ocsf.classByUid(declared.class_uid);
      expect(found, `${key} ${declared.class_uid}`).toBeDefined();
      expect(found!.caption, key).toBe(declared.class_name);
      expect(found!.categoryUid, key).toBe(declared.category_uid);
      expect(ocsf.categories[found!.categoryName]!.caption, key).toBe(declared.category_name);
    }
  });

  it('every class declares exactly the optional attributes its OCSF class defines, and none is deprecated', () => {
    for (const [key, declared] of Object.entries(ocsfClasses)) {
      const found = ocsf.classByUid(declared.class_uid)!;
      expect(found['@deprecated'], key).toBeUndefined();
      const attributes = ocsf.classAttributes(found.name);
      expect(
        { finding_info: attributes.finding_info !== undefined, resources: attributes.resources !== undefined },
        key,
      ).toEqual(declared.attributes);
      // Everything else an alert may carry exists on every declared class.
      const alwaysAllowed = Object.keys(alertShape.fields).filter(
        (name) => name !== 'finding_info' && name !== 'resources',
      );
      expect(
        alwaysAllowed.filter((name) => attributes[name] === undefined),
        key,
      ).toEqual([]);
    }
  });

  it('parseAlert accepts each declared class only with attributes that class has', () => {
    for (const declared of Object.values(ocsfClasses)) {
      const base = {
        class_uid: declared.class_uid,
        category_uid: declared.category_uid,
        severity_id: 3,
        time: 1_767_225_600_000,
        metadata: { product: { vendor_name: 'Okta', name: 'Okta System Log' }, uid: 'evt-1' },
      };
      const finding = { ...base, finding_info: { uid: 'f-1', title: 'Suspicious sign-in' } };
      const activity = { ...base, message: 'User signed in from a new country' };
      if (declared.attributes.finding_info) {
        expect(() => parseAlert(finding)).not.toThrow();
        expect(() => parseAlert(activity)).toThrow(/finding_info: required/);
      } else {
        expect(() => parseAlert(activity)).not.toThrow();
        expect(() => parseAlert(finding)).toThrow(/finding_info: is not an attribute of OCSF class/);
      }
    }
  });
});

function minimalAlert(): Record<string, unknown> {
  return {
    class_uid: 2004,
    category_uid: 2,
    severity_id: 3,
    time: 1_767_225_600_000,
    finding_info: { uid: 'f-1', title: 'Impossible travel' },
    metadata: { product: { vendor_name: 'Okta', name: 'Okta ThreatInsight' } },
  };
}

describe('parseAlert errors name the offending paths', () => {
  function issuesOf(input: unknown) {
    try {
      parseAlert(input);
    } catch (error) {
      if (ValidationError.isInstance(error)) return error;
      throw error;
    }
    throw new Error('expected a ValidationError');
  }

  it('names nested paths such as finding_info.uid', () => {
    const error = issuesOf({ ...minimalAlert(), finding_info: { title: 'x' } });
    expect(error.subject).toBe('Alert');
    expect(error.issues.map((issue) => issue.path)).toEqual(['finding_info.uid']);
    expect(error.message).toMatch(/^Invalid Alert: finding_info\.uid: /);
  });

  it('names array indexes and every bad path at once', () => {
    const error = issuesOf({
      ...minimalAlert(),
      severity_id: 7,
      time: -1,
      observables: [
        { name: 'src_endpoint.ip', type_id: 2, value: '10.0.0.1' },
        { name: '', type_id: -1 },
      ],
      attacks: [{ technique: { uid: 'X1566' } }],
      metadata: { product: { vendor_name: 'Okta' } },
    });
    expect(error.issues.map((issue) => issue.path).sort()).toEqual(
      [
        'attacks[0].technique.uid',
        'metadata.product.name',
        'observables[1].name',
        'observables[1].type_id',
        'observables[1].value',
        'severity_id',
        'time',
      ].sort(),
    );
  });

  it('keeps OCSF attributes Rampart does not model', () => {
    const alert = parseAlert({
      ...minimalAlert(),
      is_alert: true,
      finding_info: { uid: 'f', title: 't', uid_alt: 'a' },
    });
    expect((alert as Record<string, unknown>).is_alert).toBe(true);
    expect((alert.finding_info as Record<string, unknown>).uid_alt).toBe('a');
  });
});
