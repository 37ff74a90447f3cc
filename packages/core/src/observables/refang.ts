/**
 * Threat-intel reports "defang" indicators so nobody clicks them: `hxxps://evil[.]com`, `1.2.3[.]4`,
 * `bob[@]evil(.)com`. `refang` undoes the common forms; `defang` produces them.
 */

const defangedToken = /\[\.\]|\(\.\)|\[:\/\/\]|\[:\]|\[@\]|[hH][xX]{2}[pP](?=[sS]?(?::|\[:\]|\[:\/\/\]))/g;

const replacements: Readonly<Record<string, string>> = {
  '[.]': '.',
  '(.)': '.',
  '[://]': '://',
  '[:]': ':',
  '[@]': '@',
};

function mightBeDefanged(text: string): boolean {
  // One cheap scan first: most observables hold no "[", "(" or "hx", and the regex then never runs.
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x5b || code === 0x28) return true;
    if ((code | 0x20) === 0x78 && index > 0 && (text.charCodeAt(index - 1) | 0x20) === 0x68) return true;
  }
  return false;
}

/**
 * Turns defanged indicators back into live ones: `hxxp`/`hxxps` (any case, before `:`) become `http`/`https`,
 * `[.]` and `(.)` become `.`, `[:]` becomes `:`, `[://]` becomes `://`, `[@]` becomes `@`.
 * Text without defanged tokens is returned unchanged (and without a regex pass). Nested forms
 * (`[[.]]`) are undone completely, so `refang` is idempotent.
 */
export function refang(text: string): string {
  if (!mightBeDefanged(text)) return text;
  // Repeat to a fixed point, so refang(refang(x)) === refang(x): "[[.]]" becomes "[.]" and then ".".
  let current = text;
  while (true) {
    const next = current.replace(defangedToken, replaceToken);
    if (next === current) return next;
    current = next;
  }
}

function replaceToken(token: string): string {
  const replacement = replacements[token];
  if (replacement !== undefined) return replacement;
  // hxxp keeps the case it was written in: hXXp -> hTTp, HXXP -> HTTP.
  return `${token[0]}${token[1] === 'X' ? 'T' : 't'}${token[2] === 'X' ? 'T' : 't'}${token[3]}`;
}

/**
 * Makes indicators safe to paste into tickets and chat: a leading `http` scheme becomes `hxxp`, every `.`
 * becomes `[.]` and every `@` becomes `[@]`. `refang(defang(text)) === text` for text without defanged tokens.
 */
export function defang(text: string): string {
  let out = text;
  if (/^https?:/i.test(out)) {
    out = `${out[0]}${out[1] === 'T' ? 'X' : 'x'}${out[2] === 'T' ? 'X' : 'x'}${out.slice(3)}`;
  }
  return out.replaceAll('.', '[.]').replaceAll('@', '[@]');
}
