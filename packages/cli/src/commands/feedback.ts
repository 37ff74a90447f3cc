import { ContextGraph, feedbackDataset, toJsonLines } from '@rampart/core';
import { openExistingDatabase } from '../open-database.js';
import type { Write } from '../output.js';
import { UsageError } from '../usage.js';

/**
 * `rampart feedback export --tenant ID`: prints a tenant's analyst feedback as JSON Lines (one record per analyst
 * decision on an agent decision, schema in core's `feedback-dataset.md`), so a team can evaluate models on its own
 * decisions.
 */
export async function runFeedback(
  arguments_: { subcommand: string | undefined; databasePath: string; tenantId: string | undefined },
  out: Write,
): Promise<number> {
  if (arguments_.subcommand !== 'export') {
    throw new UsageError(`feedback needs a subcommand: rampart feedback export --tenant ID`);
  }
  if (arguments_.tenantId === undefined || arguments_.tenantId === '') {
    throw new UsageError('feedback export needs --tenant ID: the dataset is one tenant’s');
  }
  const { stores } = await openExistingDatabase(arguments_.databasePath);
  try {
    const graph = new ContextGraph({ store: stores.graph, tenantId: arguments_.tenantId });
    out(toJsonLines(await feedbackDataset(graph)));
    return 0;
  } finally {
    stores.close();
  }
}
