import { decodeQuotedPrintable } from './transfer-encoding.js';
import { bytesOf, decodeText } from './text-decoding.js';

/**
 * RFC 2047 encoded words (`=?charset?B?...?=`, `=?charset?Q?...?=`) in header text. Whitespace between two
 * adjacent encoded words is dropped (§6.2). A word that does not decode (unknown encoding letter) is left as
 * written, which §6.1 allows; a charset suffix `*lang` (RFC 2231 §5) is ignored.
 */
const encodedWord = /=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/g;
const betweenEncodedWords = /(=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=)[ \t\r\n]+(?==\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=)/g;

export function decodeEncodedWords(text: string): string {
  if (!text.includes('=?')) return text;
  return text
    .replace(betweenEncodedWords, '$1')
    .replace(encodedWord, (_word, charset: string, encoding: string, payload: string) => {
      const binary =
        encoding === 'b' || encoding === 'B'
          ? Buffer.from(payload.replace(/[^A-Za-z0-9+/]/g, ''), 'base64').toString('latin1')
          : decodeQuotedPrintable(payload.replace(/_/g, ' '));
      return decodeText(bytesOf(binary), charset.split('*')[0]);
    });
}
