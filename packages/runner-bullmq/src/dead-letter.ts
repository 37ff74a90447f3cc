import type { Job, Queue } from 'bullmq';
import type { DeadLetter } from './job-data.js';

/**
 * Keeps a job that failed for good, with why, in the dead-letter queue. The entry's id is the job's, so a worker
 * that records the same failure twice (an outage between recording and acknowledging) leaves one entry.
 */
export async function recordDeadLetter(
  deadLetterQueue: Queue,
  job: Job,
  error: unknown,
  worker: string,
): Promise<void> {
  const thrown = error instanceof Error ? error : new Error(String(error));
  const letter: DeadLetter = {
    jobId: String(job.id),
    data: job.data,
    reason: thrown.message,
    errorName: thrown.name,
    attempts: job.attemptsMade + 1,
    failedAt: Date.now(),
    worker,
  };
  await deadLetterQueue.add('dead-letter', letter, { jobId: `dead-${job.id}` });
}
