import { ValidationError } from '@rampart/core';
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
  const search = new URLSearchParams();
  for (const parameter of parameters) {
    const value = input[parameter.name];
    delete remaining[parameter.name];
    const wireName = parameter.wireName ?? parameter.name;
    if (value === undefined || value === null) continue;
    if (parameter.in === 'path') {
      const text = simpleText(value);
      // URL parsers resolve `.`, `..` and their %2e spellings as dot-segments, which would climb the path.
      if (/^(?:\.|%2e){1,2}$/i.test(text)) {
        throw new ValidationError(subject, [
          { path: parameter.name, message: 'may not be "." or ".."', code: 'dot_segment_path_parameter' },
        ]);
      }
      pathValues.set(wireName, encodeURIComponent(text));
    } else if (parameter.in === 'header') headers[wireName.toLowerCase()] = simpleText(value);
    else serializeQuery(search, parameter, wireName, value);
  }
  const missing: string[] = [];
  const expandedPath = path.replace(variablePattern, (_, name: string) => {
    const value = pathValues.get(name);
    if (value === undefined) {
      missing.push(name);
      return '';
    }
    return value;
  });
  if (missing.length > 0) {
    throw new ValidationError(
      subject,
      missing.map((name) => ({ path: name, message: 'is required in the URL path', code: 'missing_path_parameter' })),
    );
  }
  const base = baseUrl.endsWith('/') ? baseUrl.slice(0, -1) : baseUrl;
  const url = new URL(base + (expandedPath.startsWith('/') ? expandedPath : `/${expandedPath}`));
  for (const [key, value] of search) url.searchParams.append(key, value);
  return { url, headers, remaining };
}
