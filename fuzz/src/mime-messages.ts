import { createHash } from 'node:crypto';
import fc from 'fast-check';

/**
 * Well-formed MIME messages built from known content, so a parse can be checked against what went in: the
 * subject (as RFC 2047 words), every text body (base64 or quoted-printable) and every attachment's SHA-256.
 */
export interface GeneratedMessage {
  raw: string;
  subject: string;
  texts: string[];
  attachmentHashes: string[];
}

interface Leaf {
  kind: 'text' | 'attachment';
  text: string;
  bytes: Uint8Array;
  filename: string;
  encoding: 'base64' | 'quoted-printable';
}

type Entity = Leaf | { kind: 'multipart'; subtype: string; children: Entity[] };

const utf8 = (text: string) => Buffer.from(text, 'utf8');

function base64Lines(bytes: Uint8Array): string {
  return (
    Buffer.from(bytes)
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join('\r\n');
}

/** Quoted-printable that encodes every byte but letters and digits, with soft breaks: simple and unambiguous. */
function quotedPrintable(bytes: Uint8Array): string {
  let out = '';
  let line = 0;
  for (const byte of bytes) {
    const plain = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a);
    const token = plain ? String.fromCharCode(byte) : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    if (line + token.length > 72) {
      out += '=\r\n';
      line = 0;
    }
    out += token;
    line += token.length;
  }
  return out;
}

/** RFC 2047 B words of at most 20 code points each, folded onto continuation lines. */
function encodedWords(text: string): string {
  const codePoints = [...text];
  const words: string[] = [];
  for (let start = 0; start < codePoints.length; start += 20) {
    words.push(`=?UTF-8?B?${utf8(codePoints.slice(start, start + 20).join('')).toString('base64')}?=`);
  }
  return words.join('\r\n ');
}

/** An RFC 2231 filename, percent-encoded, so any Unicode name survives. */
function filenameParameter(name: string): string {
  return `filename*=UTF-8''${encodeURIComponent(name).replace(/['()*!]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

function serialize(entity: Entity, path: string, into: GeneratedMessage): string {
  if (entity.kind === 'multipart') {
    // "=_" never occurs in base64 or in this quoted-printable, so the boundary cannot collide with content.
    const boundary = `=_rampart_${path}`;
    const parts = entity.children.map(
      (child, index) => `--${boundary}\r\n${serialize(child, `${path}.${index}`, into)}\r\n`,
    );
    return `Content-Type: multipart/${entity.subtype}; boundary="${boundary}"\r\n\r\npreamble\r\n${parts.join('')}--${boundary}--\r\nepilogue`;
  }
  const body = entity.encoding === 'base64' ? base64Lines(entity.bytes) : quotedPrintable(entity.bytes);
  if (entity.kind === 'text') {
    into.texts.push(entity.text);
    return `Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: ${entity.encoding}\r\n\r\n${body}`;
  }
  into.attachmentHashes.push(createHash('sha256').update(entity.bytes).digest('hex'));
  return (
    `Content-Type: application/octet-stream\r\nContent-Disposition: attachment; ${filenameParameter(entity.filename)}\r\n` +
    `Content-Transfer-Encoding: ${entity.encoding}\r\n\r\n${body}`
  );
}

const leaf: fc.Arbitrary<Entity> = fc
  .record({
    kind: fc.constantFrom('text' as const, 'attachment' as const),
    text: fc.string({ unit: 'grapheme', maxLength: 200 }),
    bytes: fc.uint8Array({ maxLength: 600 }),
    filename: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
    encoding: fc.constantFrom('base64' as const, 'quoted-printable' as const),
  })
  .map((value) => (value.kind === 'text' ? { ...value, bytes: utf8(value.text) } : value));

const { entity } = fc.letrec<{ entity: Entity }>((tie) => ({
  entity: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({
      kind: fc.constant('multipart' as const),
      subtype: fc.constantFrom('mixed', 'alternative', 'related'),
      children: fc.array(tie('entity'), { minLength: 1, maxLength: 4 }),
    }),
  ),
}));

export const generatedMessage: fc.Arbitrary<GeneratedMessage> = fc
  .record({ subject: fc.string({ unit: 'grapheme', maxLength: 80 }), root: entity })
  .map(({ subject, root }) => {
    const message: GeneratedMessage = { raw: '', subject, texts: [], attachmentHashes: [] };
    const body = serialize(root, '0', message);
    message.raw =
      `From: =?UTF-8?B?${utf8('Fuzz Sender').toString('base64')}?= <sender@example.com>\r\n` +
      `To: rcpt@example.com\r\nSubject: ${encodedWords(subject)}\r\nMIME-Version: 1.0\r\n${body}`;
    return message;
  });
