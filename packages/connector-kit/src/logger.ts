/** Structured log lines. Fields never hold secrets: URLs and headers are redacted before they reach a logger. */
export interface ConnectorLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /**
   * `false` when `debug` drops everything: the runtime then skips building the fields of its per-call debug line
   * (a redacted URL among them), which would otherwise cost every call. Default: treated as `true`.
   */
  readonly debugEnabled?: boolean;
}

/** Drops debug and info; warnings (deprecated aliases, page limits) and errors go to the console. */
export const consoleLogger: ConnectorLogger = {
  debugEnabled: false,
  debug() {},
  info() {},
  warn(message, fields) {
    console.warn(`[rampart] ${message}`, fields ?? '');
  },
  error(message, fields) {
    console.error(`[rampart] ${message}`, fields ?? '');
  },
};

export const silentLogger: ConnectorLogger = { debugEnabled: false, debug() {}, info() {}, warn() {}, error() {} };
