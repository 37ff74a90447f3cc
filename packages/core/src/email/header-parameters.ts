import { decodeEncodedWords } from './encoded-words.js';
import { bytesOf, decodeText } from './text-decoding.js';

/** A Content-Type or Content-Disposition value: the lower-cased leading token and its parameters. */
export interface ParameterizedValue {
  value: string;
  /** Parameter names lower-cased; RFC 2231 continuations joined and percent-decoded. */
  parameters: Map<string, string>;
}

/** Splits on `;` outside quoted strings. */
function splitParameters(text: string): string[] {
  const pieces: string[] = [];
  let current = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const character = text[index]!;
    if (quoted && character === '\\' && index + 1 < text.length) {
      current += character + text[index + 1];
      index++;
      continue;
    }
    if (character === '"') quoted = !quoted;
    if (character === ';' && !quoted) {
      pieces.push(current);
      current = '';
    } else current += character;
  }
  pieces.push(current);
  return pieces;
}

function unquote(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')) {
    return trimmed.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  return trimmed;
}

/** RFC 2231 §4: `charset'language'percent-encoded`. */
function decodeExtendedValue(text: string, charset: string | undefined): string {
  const binary = text.replace(/%([0-9A-Fa-f]{2})/g, (_match, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
  return decodeText(bytesOf(binary), charset);
}

interface Segment {
  index: number;
  extended: boolean;
  text: string;
}

/**
 * Parses `type/subtype; name="value"; name*0*=utf-8''a%20b; name*1=c` (RFC 2045 §5.1, RFC 2231). Encoded words
 * inside a quoted value (`name="=?utf-8?B?...?="`, which RFC 2047 §5 forbids but common mailers send) are decoded.
 */
export function parseParameterizedValue(text: string): ParameterizedValue {
  const [head = '', ...rest] = splitParameters(text);
  const segments = new Map<string, Segment[]>();
  for (const piece of rest) {
    const equals = piece.indexOf('=');
    if (equals === -1) continue;
    const key = piece.slice(0, equals).trim().toLowerCase();
    const match = /^([^*]+)(?:\*(\d+))?(\*)?$/.exec(key);
    if (!match) continue;
    const name = match[1]!;
    const list = segments.get(name) ?? [];
    list.push({ index: Number(match[2] ?? 0), extended: match[3] === '*', text: unquote(piece.slice(equals + 1)) });
    segments.set(name, list);
  }
  const parameters = new Map<string, string>();
  for (const [name, list] of segments) {
    list.sort((left, right) => left.index - right.index);
    let charset: string | undefined;
    const decoded = list.map((segment, position) => {
      if (!segment.extended) return decodeEncodedWords(segment.text);
      let encoded = segment.text;
      if (position === 0) {
        const parts = encoded.split("'");
        if (parts.length >= 3) {
          charset = parts[0];
          encoded = parts.slice(2).join("'");
        }
      }
      return decodeExtendedValue(encoded, charset);
    });
    parameters.set(name, decoded.join(''));
  }
  return { value: head.trim().toLowerCase(), parameters };
}
