/**
 * Inputs per property at FUZZ_SCALE=1. The issue asks for at least 100k generated inputs per `npm test` run;
 * fuzz-budget.test.ts adds these up so a trimmed budget fails loudly instead of shrinking the suite unnoticed.
 */
export const fuzzBudget = {
  /** Per connector with alert normalizers: mutated recorded fixtures. */
  mutatedFixturesPerConnector: 3_000,
  /** Per connector (all 15): arbitrary values where a payload is expected. */
  arbitraryPayloadsPerConnector: 300,
  /** Per observable kind: arbitrary strings and near misses of valid values. */
  arbitraryStringsPerKind: 2_000,
  nearMissesPerKind: 2_000,
  /** The whole Spam Assassin corpus (6,046 messages) runs once on top of these. */
  mutatedCorpusMessages: 12_000,
  generatedMimeMessages: 5_000,
  gmailRawMessages: 2_000,
  headerValues: 3_000,
} as const;

export const corpusSize = 6_046;
export const connectorsWithNormalizers = 10;
export const connectorCount = 15;
export const observableKindCount = 11;

export function plannedInputs(): number {
  return (
    fuzzBudget.mutatedFixturesPerConnector * connectorsWithNormalizers +
    fuzzBudget.arbitraryPayloadsPerConnector * connectorCount +
    (fuzzBudget.arbitraryStringsPerKind + fuzzBudget.nearMissesPerKind) * observableKindCount +
    corpusSize +
    fuzzBudget.mutatedCorpusMessages +
    fuzzBudget.generatedMimeMessages +
    fuzzBudget.gmailRawMessages +
    fuzzBudget.headerValues
  );
}
