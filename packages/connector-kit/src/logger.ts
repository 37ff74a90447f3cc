/** Structured log lines. Fields never hold secrets: URLs and headers are redacted before they reach a logger. */
export interface ConnectorLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Drops debug and info; warnings (deprecated aliases, page limits) and errors go to the console. */
export const consoleLogger: ConnectorLogger = {
  debug() {},
  info() {},
  warn(message, fields) {
    console.warn(`[rampart] ${message}`, fields ?? '');
  },
  error(message, fields) {
    console.error(`[rampart] ${message}`, fields ?? '');
  },
};

export const silentLogger: ConnectorLogger = { debug() {}, info() {}, warn() {}, error() {} };
