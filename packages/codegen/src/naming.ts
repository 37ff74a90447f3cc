import type { HttpMethod } from './spec/intermediate.js';

/** Splits any vendor spelling (`getUser`, `get_user`, `users.list`, `GetFindings`, `HTTPServer`) into words. */
export function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '');
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

export function camelCase(text: string): string {
  const parts = words(text);
  if (parts.length === 0) return '';
  const [first, ...rest] = parts;
  return first!.toLowerCase() + rest.map((word) => capitalize(word.toLowerCase())).join('');
}

export function pascalCase(text: string): string {
  return words(text)
    .map((word) => capitalize(word.toLowerCase()))
    .join('');
}

/** `suspendUser` -> `Suspend user`, for headings and fallback descriptions. */
export function humanize(text: string): string {
  const parts = words(text).map((word) => (/^[A-Z0-9]+$/.test(word) && word.length > 1 ? word : word.toLowerCase()));
  const sentence = parts.join(' ');
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

const maxToolNameLength = 64;

/**
 * A tool name from an operationId (`forgotPassword(oneTimeCode)` -> `forgotPasswordOneTimeCode`), or from the route
 * when there is none (`GET /api/v1/users/{userId}/groups` -> `getUsersByUserIdGroups`). Tool names must match
 * `^[a-zA-Z][a-zA-Z0-9_]{0,63}$` for every model API.
 */
export function toolNameFor(operationId: string, method: HttpMethod, path: string): string {
  const looksLikeRoute = operationId === `${method} ${path}`;
  let name = looksLikeRoute ? routeName(method, path) : camelCase(operationId);
  if (name === '' || !/^[a-zA-Z]/.test(name)) name = `call${capitalize(name)}`;
  return name.slice(0, maxToolNameLength);
}

function routeName(method: HttpMethod, path: string): string {
  const segments = path
    .split('/')
    .filter((segment) => segment !== '' && !/^(api|v\d+(\.\d+)*)$/i.test(segment))
    .map((segment) => {
      const parameter = /^\{(.+)\}$/.exec(segment);
      return parameter ? `By ${parameter[1]}` : segment;
    });
  return camelCase(`${method.toLowerCase()} ${segments.join(' ')}`);
}

/** A model-facing input field name: wire names that are already identifiers stay as the vendor documents them. */
export function fieldNameFor(wireName: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(wireName)) return wireName;
  const name = camelCase(wireName);
  return /^[A-Za-z_]/.test(name) ? name : `_${name}`;
}

const reservedWords = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'yield let static implements interface package private protected public await ' +
    // Globals a generated module must not shadow, and the names it imports.
    'Object Array String Number Boolean Date Error Map Set Promise Symbol JSON Math Record Partial z'
  ).split(' '),
);

/** A PascalCase identifier for a named schema, unique among `taken`. */
export function schemaIdentifier(name: string, taken: Set<string>): string {
  let identifier = pascalCase(name);
  if (identifier === '' || !/^[A-Za-z]/.test(identifier)) identifier = `Schema${identifier}`;
  if (reservedWords.has(identifier)) identifier = `${identifier}Schema`;
  let candidate = identifier;
  for (let counter = 2; taken.has(candidate); counter++) candidate = `${identifier}${counter}`;
  taken.add(candidate);
  return candidate;
}

export function isIdentifier(text: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(text) && !reservedWords.has(text);
}

/** An object key in generated source: bare when it can be, quoted otherwise. */
export function propertyKey(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : JSON.stringify(key);
}
