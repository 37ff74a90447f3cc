import { describe, expect, it } from 'vitest';
import { decodeEncodedWords } from './encoded-words.js';
import { decodeQuotedPrintable, decodeTransferEncoding } from './transfer-encoding.js';

describe('transfer encodings', () => {
  it('joins soft line breaks and keeps a stray "=" literally', () => {
    expect(decodeQuotedPrintable('a=3Db=\r\nc = d=4')).toBe('a=bc = d=4');
  });

  it('ignores characters outside the base64 alphabet, as RFC 2045 §6.8 says', () => {
    expect(decodeTransferEncoding('aGVs\r\nbG8=!!', 'Base64').toString('utf8')).toBe('hello');
  });

  it('leaves an encoded word with an unknown charset readable instead of failing', () => {
    expect(decodeEncodedWords('=?x-unknown?Q?caf=C3=A9?=')).toBe('café');
    expect(decodeEncodedWords('plain =?utf-8?X?nope?= text')).toBe('plain =?utf-8?X?nope?= text');
  });
});
