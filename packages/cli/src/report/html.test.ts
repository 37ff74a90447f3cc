import { describe, expect, it } from 'vitest';
import { escapeHtml, html } from './html.js';

describe('html', () => {
  it('escapes every interpolated value, in content and in attributes', () => {
    const title = `<script>alert("x")</script> & 'quotes'`;
    expect(html`<h1 title="${title}">${title}</h1>`.text).toBe(
      '<h1 title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;</h1>',
    );
  });

  it('inserts nested html as is, joins lists, and drops null, undefined and false', () => {
    const items = ['<a>', 'b'].map((item) => html`<li>${item}</li>`);
    expect(html`<ul>${items}${null}${undefined}${false}${0}</ul>`.text).toBe('<ul><li>&lt;a&gt;</li><li>b</li>0</ul>');
  });

  it('leaves text without special characters unchanged', () => {
    expect(escapeHtml('case_000001 · verdict true_positive (0.85)')).toBe('case_000001 · verdict true_positive (0.85)');
  });
});
