import type { EntityKind } from '@rampart/core';
import fc from 'fast-check';

/** Valid values of each kind, in the notations vendors send: the seeds that near misses are made from. */
export const validObservables: Readonly<Record<EntityKind, readonly string[]>> = {
  ip: ['192.0.2.1', '::ffff:198.51.100.7', 'fe80::1%eth0', '2001:db8::1', '[2001:db8::1]', '10[.]0[.]0[.]1'],
  domain: [
    'evil.example.com',
    'xn--bcher-kva.de',
    'bücher.de',
    'sub.example.co.uk',
    '_dmarc.example.com',
    'evil[.]com',
  ],
  url: [
    'hxxps://evil[.]com/a?b=1#frag',
    'http://[2001:db8::1]:8080/x',
    '//cdn.example.net/p',
    'https://user:pw@例え.jp:443/',
  ],
  email: ['Bob <Bob@Example.COM>', 'mailto:alice@example.org', 'bob[@]evil[.]com', 'a.b+tag@sub.example.net'],
  mailbox: ['alice@contoso.onmicrosoft.com', 'Shared Mailbox <shared@example.com>'],
  hash: [
    'd41d8cd98f00b204e9800998ecf8427e',
    'DA39A3EE5E6B4B0D3255BFEF95601890AFD80709',
    'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  ],
  user: ['CORP\\alice', 'alice@corp.example.com', 'S-1-5-21-1004336348-1177238915-682003330-512', 'root'],
  host: ['WKSTN-042', 'web01.corp.example.com', 'localhost', 'db-01'],
  process: ['C:\\Windows\\System32\\cmd.exe', '/usr/bin/bash', 'powershell.exe', '\\\\?\\C:\\Temp\\a.exe'],
  file: ['C:\\Users\\Public\\invoice.pdf.exe', '/tmp/.x/payload', '%APPDATA%\\evil.dll', 'report[.]docm'],
  cloud_resource: [
    'arn:aws:iam::123456789012:user/alice',
    'arn:aws:s3:::my-bucket/key',
    '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1',
    '//compute.googleapis.com/projects/p/zones/z/instances/i',
  ],
};

/** One edit of a valid value into something that is almost, but possibly not, valid. */
export type StringEdit =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'replace'; at: number; text: string }
  | { kind: 'duplicate'; at: number; length: number; times: number }
  | { kind: 'case'; upper: boolean }
  | { kind: 'wrap'; before: string; after: string };

/** Separators, brackets, confusables, controls and invisible characters that observable parsers branch on. */
const trickyText = fc.constantFrom(
  '.',
  '..',
  ':',
  '::',
  '@',
  '@@',
  '/',
  '//',
  '\\',
  '[',
  ']',
  '[.]',
  '(.)',
  '%',
  '%00',
  '%2e',
  '#',
  '?',
  ' ',
  '\t',
  '\n',
  '\u0000',
  '\u007f',
  '\u200b',
  '\u00a0',
  '\ufeff',
  '\u2024',
  '\uff0e',
  '\u3002',
  '\u0430',
  'ß',
  'İ',
  '\uD800',
  '\uDC00',
  '\u{1F600}',
  'xn--',
  '-',
  '_',
  '0',
  '00',
  '255',
  '256',
  '65536',
  '0x7f',
  'ffff',
  ':0',
  ':443',
  'hxxp',
  'http://',
  '"',
  '<',
  '>',
  ',',
);

const editText = fc.oneof(
  { weight: 3, arbitrary: trickyText },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
);
const position = fc.nat({ max: 200 });

export const stringEdit: fc.Arbitrary<StringEdit> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: position, text: editText }),
  fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('replace' as const), at: position, text: editText }),
  fc.record({
    kind: fc.constant('duplicate' as const),
    at: position,
    length: fc.integer({ min: 1, max: 8 }),
    times: fc.oneof(fc.integer({ min: 2, max: 10 }), fc.integer({ min: 1_000, max: 20_000 })),
  }),
  fc.record({ kind: fc.constant('case' as const), upper: fc.boolean() }),
  fc.record({ kind: fc.constant('wrap' as const), before: editText, after: editText }),
);

export function applyEdits(text: string, edits: readonly StringEdit[]): string {
  let result = text;
  for (const edit of edits) {
    const at = 'at' in edit ? edit.at % (result.length + 1) : 0;
    switch (edit.kind) {
      case 'insert':
        result = result.slice(0, at) + edit.text + result.slice(at);
        break;
      case 'delete':
        result = result.slice(0, at) + result.slice(at + edit.length);
        break;
      case 'replace':
        result = result.slice(0, at) + edit.text + result.slice(at + edit.text.length);
        break;
      case 'duplicate':
        result = result.slice(0, at) + result.slice(at, at + edit.length).repeat(edit.times) + result.slice(at);
        break;
      case 'case':
        result = edit.upper ? result.toUpperCase() : result.toLowerCase();
        break;
      case 'wrap':
        result = edit.before + result + edit.after;
        break;
    }
  }
  return result;
}
