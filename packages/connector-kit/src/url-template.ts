import { ValidationError } from '@rampart/core/connector';
import type { BaseUrlVariable, ParameterDefinition } from './definition.js';
import { ConnectorConfigurationError } from './errors.js';

const variablePattern = /\{([^{}]+)\}/g;

/** Names of the `{variables}` in a template, in order. */
export function templateVariables(template: string): string[] {
  return [...template.matchAll(variablePattern)].map((match) => match[1]!);
}

/** A variable that lands in the host may not smuggle in a path, credentials, a port or a second host. */
const unsafeHostCharacters = /[/\\?#@\s%:]/;

/**
 * Expands a base URL or token URL template. Every value must match its declared `pattern` (anchored) and may not
 * contain URL delimiters, so a variable can never move the request to another host than the allow-list expects.
 */
export function expandUrlTemplate(
  template: string,
  values: Readonly<Record<string, string | undefined>>,
  declared: Readonly<Record<string, BaseUrlVariable>> = {},
  subject = 'base URL',
): string {
  return template.replace(variablePattern, (_, name: string) => {
    const value = values[name] ?? declared[name]?.default;
    if (value === undefined || value === '') {
      const description = declared[name]?.description;
      throw new ConnectorConfigurationError(
        `The ${subject} needs the variable "${name}"${description ? ` (${description})` : ''}`,
      );
    }
    if (unsafeHostCharacters.test(value)) {
      throw new ConnectorConfigurationError(
        `The ${subject} variable "${name}" may not contain '/', '\\', '?', '#', '@', ':', '%' or spaces`,
      );
    }
    const pattern = declared[name]?.pattern;
    if (pattern !== undefined && !new RegExp(`^(?:${pattern})$`).test(value)) {
      throw new ConnectorConfigurationError(`The ${subject} variable "${name}" must match /${pattern}/`);
    }
    return value;
  });
}

/** Serialises one query or header value following OpenAPI `style`/`explode`. */
function serializeQuery(search: URLSearchParams, parameter: ParameterDefinition, wireName: string, value: unknown) {
  const style = parameter.style ?? 'form';
  const explode = parameter.explode ?? style === 'form';
  if (Array.isArray(value)) {
    const items = value.map(scalarText);
    if (style === 'form' && explode) {
      for (const item of items) search.append(wireName, item);
      return;
    }
    const separator = style === 'spaceDelimited' ? ' ' : style === 'pipeDelimited' ? '|' : ',';
    search.append(wireName, items.join(separator));
    return;
  }
  if (isPlainObject(value)) {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    if (style === 'deepObject') {
      for (const [key, item] of entries) search.append(`${wireName}[${key}]`, scalarText(item));
      return;
    }
    if (explode) {
      for (const [key, item] of entries) search.append(key, scalarText(item));
      return;
    }
    search.append(wireName, entries.flatMap(([key, item]) => [key, scalarText(item)]).join(','));
    return;
  }
  search.append(wireName, scalarText(value));
}

function simpleText(value: unknown): string {
  if (Array.isArray(value)) return value.map(scalarText).join(',');
  if (isPlainObject(value)) {
    return Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .flatMap(([key, item]) => [key, scalarText(item)])
      .join(',');
  }
  return scalarText(value);
}

function scalarText(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

export interface BuiltRequestParts {
  url: URL;
  headers: Record<string, string>;
  /** Input fields that no parameter consumed (the body when `body.field` is absent). */
  remaining: Record<string, unknown>;
}

/** A path template split once into its literal text and its `{variables}`, alternating, literal first. */
interface PathTemplate {
  readonly literals: readonly string[];
  readonly variables: readonly string[];
}

/** Operations' paths, parsed on first use: a connector has a bounded set of them. */
const pathTemplates = new Map<string, PathTemplate>();

function pathTemplate(path: string): PathTemplate {
  let template = pathTemplates.get(path);
  if (template === undefined) {
    const pieces = path.split(variablePattern);
    template = {
      literals: pieces.filter((_, index) => index % 2 === 0),
      variables: pieces.filter((_, index) => index % 2 === 1),
    };
    pathTemplates.set(path, template);
  }
  return template;
}

/** URL parsers resolve `.`, `..` and their %2e spellings as dot-segments, which would climb the path. */
const dotSegment = /^(?:\.|%2e){1,2}$/i;

/**
 * Places input fields into the path, query and headers as the operation's parameters say. Path values are
 * percent-encoded, so `../admin` stays one path segment.
 */
export function buildRequestParts(
  baseUrl: string,
  path: string,
  parameters: readonly ParameterDefinition[],
  input: Readonly<Record<string, unknown>>,
  subject: string,
): BuiltRequestParts {
  const remaining: Record<string, unknown> = { ...input };
  const headers: Record<string, string> = {};
  const pathValues = new Map<string, string>();
  // Made only when a query parameter has a value: most calls have none.
  let search: URLSearchParams | undefined;
  for (const parameter of parameters) {
    const value = input[parameter.name];
    delete remaining[parameter.name];
    const wireName = parameter.wireName ?? parameter.name;
    if (value === undefined || value === null) continue;
    if (parameter.in === 'path') {
      const text = simpleText(value);
      if (dotSegment.test(text)) {
        throw new ValidationError(subject, [
          { path: parameter.name, message: 'may not be "." or ".."', code: 'dot_segment_path_parameter' },
        ]);
      }
      pathValues.set(wireName, encodeURIComponent(text));
    } else if (parameter.in === 'header') headers[wireName.toLowerCase()] = simpleText(value);
    else {
      search ??= new URLSearchParams();
      serializeQuery(search, parameter, wireName, value);
    }
  }
  const expandedPath = expandPath(pathTemplate(path), pathValues, subject);
  const base = baseUrl.endsWith('/') ? baseUrl.slice(0, -1) : baseUrl;
  const url = new URL(base + (expandedPath.startsWith('/') ? expandedPath : `/${expandedPath}`));
  if (search !== undefined) for (const [key, value] of search) url.searchParams.append(key, value);
  return { url, headers, remaining };
}

/** The path with every variable replaced by its encoded value; every missing one is named in the error. */
function expandPath(template: PathTemplate, values: ReadonlyMap<string, string>, subject: string): string {
  let expanded = template.literals[0]!;
  let missing: string[] | undefined;
  for (let index = 0; index < template.variables.length; index++) {
    const name = template.variables[index]!;
    const value = values.get(name);
    if (value === undefined) {
      missing ??= [];
      missing.push(name);
    } else expanded += value;
    expanded += template.literals[index + 1]!;
  }
  if (missing !== undefined) {
    throw new ValidationError(
      subject,
      missing.map((name) => ({ path: name, message: 'is required in the URL path', code: 'missing_path_parameter' })),
    );
  }
  return expanded;
}
