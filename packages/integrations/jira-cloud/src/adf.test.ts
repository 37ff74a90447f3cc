import { describe, expect, it } from 'vitest';
import { adfToPlainText, plainTextToAdf } from './adf.js';

describe('plainTextToAdf', () => {
  it('makes paragraphs from blank lines and hard breaks from single line breaks', () => {
    expect(plainTextToAdf('Phishing reported by j.doe.\r\nURL blocked.\n\n  \nNext: purge.')).toEqual({
      type: 'doc',
      version: 1,
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Phishing reported by j.doe.' },
            { type: 'hardBreak' },
            { type: 'text', text: 'URL blocked.' },
          ],
        },
        { type: 'paragraph', content: [{ type: 'text', text: 'Next: purge.' }] },
      ],
    });
  });

  it('keeps markup as text and never emits empty text nodes', () => {
    const document = plainTextToAdf('<b>x</b> *y*\n\n\n');
    expect(document.content).toEqual([{ type: 'paragraph', content: [{ type: 'text', text: '<b>x</b> *y*' }] }]);
    expect(plainTextToAdf('').content).toEqual([]);
    expect(JSON.stringify(plainTextToAdf('a\n\nb\n\nc'))).not.toContain('"text":""');
  });

  it('round-trips through adfToPlainText', () => {
    const text = 'Line one\nline two\n\nSecond paragraph';
    expect(adfToPlainText(plainTextToAdf(text))).toBe(text);
  });
});
