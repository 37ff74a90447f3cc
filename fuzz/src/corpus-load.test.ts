import { describe, expect, it } from 'vitest';
import { loadSpamAssassinCorpus } from './spam-assassin-corpus.js';

describe('the Spam Assassin corpus', () => {
  it('loads offline from the installed package, every message with its text', () => {
    const corpus = loadSpamAssassinCorpus();
    expect(corpus.length).toBeGreaterThan(6000);
    expect(new Set(corpus.map((message) => message.group))).toEqual(
      new Set(['easy-ham-1', 'easy-ham-2', 'hard-ham-1', 'spam-1', 'spam-2']),
    );
    for (const message of corpus) expect(message.text).toContain(':');
  });
});
