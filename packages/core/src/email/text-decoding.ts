/**
 * Mail text arrives as bytes in whatever charset the sender declared. Structure (header names, boundaries,
 * transfer encodings) is ASCII, so the parser works on a "binary string" (one character per byte, as latin1
 * decoding gives) and decodes text only where it is read as text.
 */

/** Bytes as a binary string. A JavaScript string is taken as its UTF-8 bytes, or as bytes when it holds none above U+00FF. */
export function binaryStringOf(input: string | Uint8Array): string {
  if (typeof input !== 'string')
    return Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('latin1');
  for (let index = 0; index < input.length; index++) {
    if (input.charCodeAt(index) > 0xff) return Buffer.from(input, 'utf8').toString('latin1');
  }
  return input;
}

export function bytesOf(binary: string): Buffer {
  return Buffer.from(binary, 'latin1');
}

const windows1252 = new TextDecoder('windows-1252');

/**
 * Decodes bytes in `charset`. An unknown or missing charset, or bytes that are not valid in it, fall back to
 * UTF-8 when they are valid UTF-8 (undeclared UTF-8 is common) and to windows-1252 otherwise, which maps every
 * byte: text is never lost, only possibly mis-rendered.
 */
export function decodeText(bytes: Uint8Array, charset?: string): string {
  const label = charset?.trim().toLowerCase();
  if (label && label !== 'us-ascii' && label !== 'ascii') {
    try {
      return new TextDecoder(label, { fatal: true }).decode(bytes);
    } catch {
      // Unknown label (RangeError) or invalid bytes (TypeError): fall through to the guesses below.
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return windows1252.decode(bytes);
  }
}
