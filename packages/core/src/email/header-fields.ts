import { EmailParseError } from './email-parse-error.js';
import { decodeEncodedWords } from './encoded-words.js';
import type { HeaderField } from './parsed-email.js';
import { bytesOf, decodeText } from './text-decoding.js';

export interface HeaderBlock {
  fields: HeaderField[];
  /** The binary string after the blank line that ends the header block. */
  body: string;
}

const maxHeaderFields = 1_000;

/** RFC 5322 §2.2: a field name is printable US-ASCII except ":". */
function isFieldNameCharacter(code: number): boolean {
  return code >= 0x21 && code <= 0x7e && code !== 0x3a;
}

function isFieldName(name: string): boolean {
  if (name.length === 0) return false;
  for (let index = 0; index < name.length; index++) {
    if (!isFieldNameCharacter(name.charCodeAt(index))) return false;
  }
  return true;
}

/** Header bytes as text: UTF-8 per RFC 6532, else windows-1252. */
function headerText(raw: string): string {
  return decodeText(bytesOf(raw)).trim();
}

/** Unstructured header text (Subject, Comments) as a person reads it, RFC 2047 words decoded. */
export function unstructuredValue(value: string): string {
  return decodeEncodedWords(value);
}

/**
 * Splits a message or MIME part into its header fields and body (RFC 5322 §2.1). Folded lines are unfolded
 * (§2.2.3). A top-level message may start with an mbox `From ` separator line, which is skipped. A line in the
 * header block that is neither a field nor a continuation is an error: guessing where the headers end is how
 * parsers disagree about what a message says, which phishing uses to hide a second From.
 */
export function splitHeaderBlock(binary: string, path: string, allowMboxLine: boolean): HeaderBlock {
  let start = 0;
  if (allowMboxLine && binary.startsWith('From ')) {
    const newline = binary.indexOf('\n');
    start = newline === -1 ? binary.length : newline + 1;
  }
  const fields: HeaderField[] = [];
  let current: { name: string; raw: string } | undefined;
  let position = start;
  const flush = () => {
    if (current === undefined) return;
    if (fields.length >= maxHeaderFields) {
      throw new EmailParseError(
        fieldPath(path, fields.length),
        'too-many-headers',
        `more than ${maxHeaderFields} fields`,
      );
    }
    fields.push({ name: current.name, value: headerText(current.raw) });
    current = undefined;
  };
  while (position < binary.length) {
    let lineEnd = binary.indexOf('\n', position);
    const next = lineEnd === -1 ? binary.length : lineEnd + 1;
    if (lineEnd === -1) lineEnd = binary.length;
    const line =
      binary.charCodeAt(lineEnd - 1) === 0x0d ? binary.slice(position, lineEnd - 1) : binary.slice(position, lineEnd);
    if (line.length === 0) {
      flush();
      return { fields, body: binary.slice(next) };
    }
    const first = line.charCodeAt(0);
    if (first === 0x20 || first === 0x09) {
      if (current === undefined) {
        throw new EmailParseError(
          fieldPath(path, fields.length),
          'invalid-header',
          'a continuation line with no field before it',
        );
      }
      current.raw += line;
    } else {
      flush();
      const colon = line.indexOf(':');
      // RFC 5322 §4.5.3 (obsolete syntax) lets whitespace stand between the name and the colon.
      const name = colon === -1 ? '' : withoutTrailingBlanks(line.slice(0, colon));
      if (!isFieldName(name)) {
        throw new EmailParseError(
          fieldPath(path, fields.length),
          'invalid-header',
          colon === -1 ? 'a header line without ":"' : 'a field name with a character outside printable US-ASCII',
        );
      }
      current = { name, raw: line.slice(colon + 1) };
    }
    position = next;
  }
  flush();
  return { fields, body: '' };
}

/** A loop: `/[ \t]+$/` backtracks quadratically over a long run of blanks followed by another character. */
function withoutTrailingBlanks(text: string): string {
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 0x20 || text.charCodeAt(end - 1) === 0x09)) end--;
  return text.slice(0, end);
}

function fieldPath(path: string, index: number): string {
  return path ? `${path}.headers[${index}]` : `headers[${index}]`;
}

/** The first field named `name` (case-insensitive), decoded. */
export function headerValue(fields: readonly HeaderField[], name: string): string | undefined {
  const lower = name.toLowerCase();
  return fields.find((field) => field.name.toLowerCase() === lower)?.value;
}

export function headerValues(fields: readonly HeaderField[], name: string): string[] {
  const lower = name.toLowerCase();
  return fields.filter((field) => field.name.toLowerCase() === lower).map((field) => field.value);
}
