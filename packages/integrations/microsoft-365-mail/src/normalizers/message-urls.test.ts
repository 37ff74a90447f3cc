import { describe, expect, it } from 'vitest';
import { unwrapSafeLink, urlsInBody } from './message-urls.js';

describe('urlsInBody', () => {
  it('reads HTML link targets and URLs in the text, unwraps Safe Links, skips mailto and de-duplicates', () => {
    const html =
      '<p><a href="https://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2Fevil.example%2Fa%3Fb%3D1&amp;data=x">x</a>' +
      "<a href='mailto:someone@example.com'>mail</a> see https://evil.example/a?b=1 or https://docs.example/help.</p>";
    expect(urlsInBody(html, 'html')).toEqual(['https://evil.example/a?b=1', 'https://docs.example/help']);
  });

  it('refangs defanged links a reporter pasted into a text body', () => {
    expect(
      urlsInBody('The link was hxxps://contoso-share[.]example/d/7Hq2 and it asked for my password.', 'text'),
    ).toEqual(['https://contoso-share.example/d/7Hq2']);
  });

  it('finds nothing in an empty or link-free body', () => {
    expect(urlsInBody(null, 'text')).toEqual([]);
    expect(urlsInBody('View it on Plan/2231/1', 'text')).toEqual([]);
  });
});

describe('unwrapSafeLink', () => {
  it('returns other URLs unchanged', () => {
    expect(unwrapSafeLink('https://example.com/?url=https://x.example')).toBe(
      'https://example.com/?url=https://x.example',
    );
    expect(unwrapSafeLink('not a url')).toBe('not a url');
  });
});

describe('urlsInBody on hostile bodies (fuzz regressions)', () => {
  it('keeps a character reference outside Unicode as written instead of throwing a RangeError', () => {
    expect(urlsInBody('<p>https://evil.example/&#99999999;x &#x110000;</p>', 'html')).toEqual([
      'https://evil.example/&#99999999;x',
    ]);
  });

  // Each body made a regular expression backtrack quadratically (tens of seconds); a regression fails by the timeout.
  it.each([
    ['unclosed "<"', `<a href="https://a.example/">x</a>${'<'.repeat(100_000)}`],
    ['unclosed <script>', `<a href="https://a.example/">x</a>${'<script '.repeat(20_000)}`],
    ['a run of dots after a URL', `https://a.example/${'.'.repeat(100_000)}x`],
  ])('stays linear on %s', (_name, body) => {
    expect(urlsInBody(body, 'html')[0]).toMatch(/^https:\/\/a\.example\//);
  });
});
