import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from './database.js';

/** Rows per statement: 64 rows of up to 9 columns stay far below SQLite's limit of 32,766 parameters. */
const rowsPerStatement = 64;

/**
 * An `INSERT` of many rows per statement: a change set of a 1,000-alert batch writes its alerts, timeline
 * entries and links in a few dozen statements instead of thousands, which is where better-sqlite3 spends its
 * time per row (one native call, bind and reset per statement). Statements are prepared once per row count
 * and reused.
 *
 * `head` is everything before `VALUES`, `tail` anything after the value list (an `ON CONFLICT` clause).
 */
export class MultiRowInsert {
  readonly #statements = new Map<number, Statement>();
  readonly #row: string;

  constructor(
    private readonly database: SqliteDatabase,
    private readonly head: string,
    private readonly columns: number,
    private readonly tail = '',
  ) {
    this.#row = `(${new Array(columns).fill('?').join(', ')})`;
  }

  /**
   * Inserts one row per item (its values from `valuesOf`, in column order); returns how many rows were written,
   * which is fewer than `items.length` when the `tail` skipped some (`ON CONFLICT DO NOTHING`).
   */
  run<T>(items: readonly T[], valuesOf: (item: T, into: unknown[]) => void): number {
    let written = 0;
    const parameters: unknown[] = [];
    for (let start = 0; start < items.length; start += rowsPerStatement) {
      const end = Math.min(items.length, start + rowsPerStatement);
      parameters.length = 0;
      for (let index = start; index < end; index++) valuesOf(items[index]!, parameters);
      if (parameters.length !== (end - start) * this.columns) {
        throw new Error(`MultiRowInsert: expected ${this.columns} values per row from ${this.head}`);
      }
      written += this.#statement(end - start).run(parameters).changes;
    }
    return written;
  }

  #statement(rows: number): Statement {
    let statement = this.#statements.get(rows);
    if (statement === undefined) {
      const values = new Array(rows).fill(this.#row).join(', ');
      statement = this.database.prepare(`${this.head} VALUES ${values} ${this.tail}`);
      this.#statements.set(rows, statement);
    }
    return statement;
  }
}
