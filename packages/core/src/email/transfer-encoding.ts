import { bytesOf } from './text-decoding.js';

/**
 * Content-Transfer-Encoding (RFC 2045 §6). Decoding is lenient where the RFC says so: base64 ignores characters
 * outside its alphabet (§6.8), and a quoted-printable `=` not followed by two hex digits is kept literally
 * (§6.7 note 1). Unknown encodings (`x-uuencode`, typos) leave the bytes as they are: the part stays inspectable
 * and its hash is of what was sent.
 */
export function decodeTransferEncoding(binary: string, encoding: string | undefined): Buffer {
  switch (encoding?.trim().toLowerCase()) {
    case 'base64':
      return Buffer.from(binary.replace(/[^A-Za-z0-9+/]/g, ''), 'base64');
    case 'quoted-printable':
      return bytesOf(decodeQuotedPrintable(binary));
    default:
      return bytesOf(binary);
  }
}

function isHexDigit(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x66);
}

/** Quoted-printable to a binary string: `=XY` is a byte, `=` at a line end is a soft break. */
export function decodeQuotedPrintable(binary: string): string {
  let out = '';
  let index = 0;
  while (index < binary.length) {
    const equals = binary.indexOf('=', index);
    if (equals === -1) {
      out += binary.slice(index);
      break;
    }
    out += binary.slice(index, equals);
    const first = binary.charCodeAt(equals + 1);
    const second = binary.charCodeAt(equals + 2);
    if (isHexDigit(first) && isHexDigit(second)) {
      out += String.fromCharCode(Number.parseInt(binary.slice(equals + 1, equals + 3), 16));
      index = equals + 3;
      continue;
    }
    // A soft line break: `=` then optional trailing whitespace, then CRLF or LF.
    const softBreak = /^[ \t]*\r?\n/.exec(binary.slice(equals + 1, equals + 1 + 80));
    if (softBreak) {
      index = equals + 1 + softBreak[0].length;
      continue;
    }
    out += '=';
    index = equals + 1;
  }
  return out;
}
