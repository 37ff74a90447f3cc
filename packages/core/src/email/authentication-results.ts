import { withoutComments } from './header-comments.js';
import type { AuthenticationResult, AuthenticationResultsHeader } from './parsed-email.js';

function splitOutsideQuotes(text: string, separator: RegExp): string[] {
  const pieces: string[] = [];
  let current = '';
  let quoted = false;
  for (const character of text) {
    if (character === '"') quoted = !quoted;
    if (!quoted && separator.test(character)) {
      if (current !== '') pieces.push(current);
      current = '';
    } else current += character;
  }
  if (current !== '') pieces.push(current);
  return pieces;
}

const unquote = (text: string) =>
  text.startsWith('"') && text.endsWith('"') && text.length >= 2 ? text.slice(1, -1) : text;

/** Parses one Authentication-Results value; a result without `method=result` is skipped (`none` included). */
export function parseAuthenticationResults(value: string): AuthenticationResultsHeader {
  const [server = '', ...statements] = splitOutsideQuotes(withoutComments(value), /;/);
  const authservId = server.trim().split(/\s+/)[0] ?? '';
  const results: AuthenticationResult[] = [];
  for (const statement of statements) {
    const [head, ...properties] = splitOutsideQuotes(statement, /\s/);
    const equals = head?.indexOf('=') ?? -1;
    if (head === undefined || equals <= 0) continue;
    const entry: AuthenticationResult = {
      method: head.slice(0, equals).split('/')[0]!.toLowerCase(),
      result: unquote(head.slice(equals + 1)).toLowerCase(),
      properties: Object.create(null) as Record<string, string>,
    };
    for (const property of properties) {
      const propertyEquals = property.indexOf('=');
      if (propertyEquals <= 0) continue;
      const key = property.slice(0, propertyEquals).toLowerCase();
      const propertyValue = unquote(property.slice(propertyEquals + 1));
      if (key === 'reason') entry.reason = propertyValue;
      else if (!(key in entry.properties)) entry.properties[key] = propertyValue;
    }
    results.push(entry);
  }
  return { authservId, results };
}
