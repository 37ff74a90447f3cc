/** Removes RFC 5322 `(comments)`, which nest, outside quoted strings. */
export function withoutComments(text: string): string {
  let out = '';
  let depth = 0;
  let quoted = false;
  for (const character of text) {
    if (character === '"' && depth === 0) quoted = !quoted;
    if (!quoted && character === '(') depth++;
    if (depth === 0) out += character;
    if (!quoted && character === ')' && depth > 0) depth--;
  }
  return out;
}
