import { RunnerConfigurationError } from './errors.js';

export interface QueueNames {
  /** Alerts, decisions and resumptions. */
  work: string;
  /** Jobs that failed for good, with their reason. Never processed; read with `deadLetters()`. */
  deadLetter: string;
  /** Prefix of the tenant lanes' lease keys. */
  lanes: string;
}

/** BullMQ uses `:` inside its own keys, so a name holds letters, digits, `-` and `_` only. */
export function queueNames(name = 'rampart'): QueueNames {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) {
    throw new RunnerConfigurationError(`Queue name "${name}" must be 1-64 letters, digits, - or _`);
  }
  return { work: `${name}-work`, deadLetter: `${name}-dead-letter`, lanes: `${name}-lane` };
}
