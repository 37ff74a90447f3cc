import { describe, expect, it } from 'vitest';
import { cleanDescription, plainText, toolDescription, truncate } from './descriptions.js';

describe('descriptions for models', () => {
  it('strips HTML, entities and Markdown', () => {
    expect(plainText('<p>Removes the host&nbsp;and <em>all</em> its data.</p><p>Irreversible</p>')).toBe(
      'Removes the host and all its data. Irreversible.',
    );
    expect(plainText('Use **bold** and `code` with [a link](https://x.example) and ![img](a.png).')).toBe(
      'Use bold and code with a link and .',
    );
    expect(plainText('# Heading\n\n- one\n- two')).toBe('Heading. one. two.');
  });

  it('drops boilerplate sentences', () => {
    const text =
      'Lists users. This API is available in the following national cloud deployments: Global. ' +
      'See [Filtering](https://x.example) for details. For more information, read the guide.';
    expect(cleanDescription(text)).toBe('Lists users.');
  });

  it('truncates at a sentence end, else at a word with an ellipsis', () => {
    expect(truncate('One sentence here. Another sentence that is long.', 30)).toBe('One sentence here.');
    expect(truncate('averyveryverylongword another one', 20)).toBe('averyveryverylongwo…');
    expect(truncate('short words only in this text', 15)).toBe('short words…');
  });

  it('combines summary and description without repeating the summary', () => {
    expect(
      toolDescription({
        toolName: 'suspendUser',
        method: 'POST',
        path: '/x',
        summary: 'Suspend a user',
        description: 'Suspends a user. Only ACTIVE users can be suspended.',
      }),
    ).toBe('Suspend a user. Suspends a user. Only ACTIVE users can be suspended.');
    expect(
      toolDescription({
        toolName: 'listUsers',
        method: 'GET',
        path: '/x',
        summary: 'List users',
        description: 'List users in the org.',
      }),
    ).toBe('List users in the org.');
  });

  it('prefers the manifest override', () => {
    expect(
      toolDescription({ toolName: 't', method: 'GET', path: '/x', summary: 'Vendor text', override: 'Curated text.' }),
    ).toBe('Curated text.');
  });

  it('never returns something a model cannot choose by', () => {
    expect(toolDescription({ toolName: 'getHost', method: 'GET', path: '/hosts/{id}' })).toBe(
      'Get host (GET /hosts/{id}).',
    );
    expect(toolDescription({ toolName: 'getHost', method: 'GET', path: '/hosts/{id}', summary: 'Get a host' })).toBe(
      'Get a host (GET /hosts/{id}).',
    );
    expect(toolDescription({ toolName: 'x', method: 'GET', path: '/x', description: '<br/>' })).toMatch(
      /\(GET \/x\)\.$/,
    );
  });
});
