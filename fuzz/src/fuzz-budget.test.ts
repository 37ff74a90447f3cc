import { entityKinds } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { connectors } from './connectors.js';
import {
  connectorCount,
  connectorsWithNormalizers,
  corpusSize,
  observableKindCount,
  plannedInputs,
} from './fuzz-budget.js';
import { loadSpamAssassinCorpus } from './spam-assassin-corpus.js';

describe('the fuzz budget', () => {
  it('counts what the suite really fuzzes', () => {
    expect(connectors).toHaveLength(connectorCount);
    expect(connectors.filter((connector) => connector.alertNormalizers.length > 0)).toHaveLength(
      connectorsWithNormalizers,
    );
    expect(entityKinds).toHaveLength(observableKindCount);
    expect(loadSpamAssassinCorpus()).toHaveLength(corpusSize);
  });

  it('plans at least the 100k generated inputs per run that issue #7 asks for', () => {
    expect(plannedInputs()).toBeGreaterThanOrEqual(100_000);
  });
});
