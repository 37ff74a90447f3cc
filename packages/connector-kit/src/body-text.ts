/**
 * A body's bytes as text. A UTF-8 byte order mark is dropped, as `Response.text()` and undici's `body.text()` do,
 * or `JSON.parse` would refuse the body; whichever way a transport reads, the runtime sees the same text.
 */
export function decodeBodyText(chunks: readonly Uint8Array[], size: number): string {
  if (chunks.length === 0) return '';
  const first = chunks[0]!;
  const buffer =
    chunks.length === 1 ? Buffer.from(first.buffer, first.byteOffset, first.byteLength) : Buffer.concat(chunks, size);
  const hasByteOrderMark = buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf;
  return buffer.toString('utf8', hasByteOrderMark ? 3 : 0);
}
