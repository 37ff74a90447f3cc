import fc from 'fast-check';

/** One edit of a raw message: what truncation, a broken relay or a phisher evading a filter could do to it. */
export type MailEdit =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number; times: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'line-endings'; crlf: boolean }
  | { kind: 'prepend-header'; name: string; value: string }
  | { kind: 'wrap-multipart'; boundary: string; depth: number; contentType: string };

/** Fragments that MIME parsers branch on. */
const mimeFragment = fc.constantFrom(
  '\r\n',
  '\n',
  '\n\n',
  '\r\n\r\n',
  '\r',
  ':',
  ' ',
  '\t',
  '\n\t',
  '=',
  '=\r\n',
  '=3D',
  '=ZZ',
  '==',
  '?=',
  '=?',
  '=?utf-8?B?',
  '=?utf-8?Q?',
  '=?x-unknown?B?AAAA?=',
  '=?utf-8?B?////?=',
  '=?iso-2022-jp?B?GyRCJEgbKEI=?=',
  '--',
  '--boundary',
  '--boundary--',
  'Content-Type: multipart/mixed; boundary=boundary\n',
  'Content-Type: multipart/alternative\n',
  'Content-Transfer-Encoding: base64\n',
  'Content-Transfer-Encoding: quoted-printable\n',
  "Content-Disposition: attachment; filename*0*=utf-8''%E2%82; filename*1=%AC.exe\n",
  'Content-Type: text/html; charset="bogus"\n',
  '<a href="https://evil.example/x?a=1&amp;b=2">',
  'https://',
  'http://[::1',
  '\u0000',
  '\u00ff',
  '\u{1F600}',
  '\uD800',
  'From: ',
  'Received: from x ([300.1.1.1]) by y; not a date\n',
  'Authentication-Results: ; ; =;\n',
  '"',
  '<',
  '>',
  '(',
  ')',
);

const fragment = fc.oneof(
  { weight: 3, arbitrary: mimeFragment },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
);
const position = fc.nat({ max: 1_000_000 });

export const mailEdit: fc.Arbitrary<MailEdit> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: position, text: fragment }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('delete' as const),
      at: position,
      length: fc.integer({ min: 1, max: 200 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('duplicate' as const),
      at: position,
      length: fc.integer({ min: 1, max: 40 }),
      times: fc.integer({ min: 2, max: 2_000 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: position }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('line-endings' as const), crlf: fc.boolean() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('prepend-header' as const),
      name: fc.constantFrom(
        'From',
        'Reply-To',
        'Return-Path',
        'Subject',
        'Received',
        'Authentication-Results',
        'Received-SPF',
        'Content-Type',
        'To',
        'Date',
        'X-Originating-IP',
        'Bad Name',
        '',
      ),
      value: fc.oneof(fragment, fc.string({ unit: 'grapheme', maxLength: 60 })),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('wrap-multipart' as const),
      boundary: fc.oneof(
        fc.constantFrom('b', '', '"q"', '--', 'a b'),
        fc.string({ unit: 'binary-ascii', maxLength: 12 }),
      ),
      depth: fc.integer({ min: 1, max: 40 }),
      contentType: fc.constantFrom('multipart/mixed', 'multipart/alternative', 'multipart/related', 'message/rfc822'),
    }),
  },
);

export function applyMailEdits(message: string, edits: readonly MailEdit[]): string {
  let text = message;
  for (const edit of edits) {
    const at = 'at' in edit ? edit.at % (text.length + 1) : 0;
    switch (edit.kind) {
      case 'insert':
        text = text.slice(0, at) + edit.text + text.slice(at);
        break;
      case 'delete':
        text = text.slice(0, at) + text.slice(at + edit.length);
        break;
      case 'duplicate':
        text = text.slice(0, at) + text.slice(at, at + edit.length).repeat(edit.times) + text.slice(at);
        break;
      case 'truncate':
        text = text.slice(0, at);
        break;
      case 'line-endings':
        text = edit.crlf ? text.replace(/\r?\n/g, '\r\n') : text.replace(/\r\n/g, '\n');
        break;
      case 'prepend-header':
        text = `${edit.name}: ${edit.value}\n${text}`;
        break;
      case 'wrap-multipart':
        for (let level = 0; level < edit.depth; level++) {
          text = `Content-Type: ${edit.contentType}; boundary=${edit.boundary}\n\n--${edit.boundary}\n${text}\n--${edit.boundary}--\n`;
        }
        text = `From: wrapper@example.com\n${text}`;
        break;
    }
  }
  return text;
}
