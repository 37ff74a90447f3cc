import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from './database.js';

/** Rows per statement: 64 rows of up to 9 columns stay far below SQLite's limit of 32,766 parameters. */
const rowsPerStatement = 64;

/**
 * A statement over many rows at once — an `INSERT ... VALUES` list, or an `UPDATE ... FROM (VALUES ...)`: a
 * change set of a 1,000-alert batch writes its alerts, timeline entries, links and cases in a few dozen
 * statements instead of thousands, and a statement is where better-sqlite3 spends its time per row (one native
 * call, bind and reset). Statements are prepared once per row count and reused.
 *
 * `sqlOf` builds the statement around a value list of the given rows, e.g. `(?, ?, ?), (?, ?, ?)`.
 */
export class MultiRowStatement {
  readonly #statements = new Map<number, Statement>();
  readonly #row: string;

  constructor(
    private readonly database: SqliteDatabase,
    private readonly columns: number,
    private readonly sqlOf: (values: string) => string,
  ) {
    this.#row = `(${new Array(columns).fill('?').join(', ')})`;
  }

  /** `INSERT` of the listed columns; `tail` follows the value list (an `ON CONFLICT` clause). */
  static insert(database: SqliteDatabase, head: string, columns: number, tail = ''): MultiRowStatement {
    return new MultiRowStatement(database, columns, (values) => `${head} VALUES ${values} ${tail}`);
  }

  /**
   * Runs over one row per item (its values from `valuesOf`, in column order); returns how many rows changed,
   * which is fewer than `items.length` when the statement skipped some (`ON CONFLICT DO NOTHING`).
   */
  run<T>(items: readonly T[], valuesOf: (item: T, into: unknown[]) => void): number {
    let written = 0;
    const parameters: unknown[] = [];
    for (let start = 0; start < items.length; start += rowsPerStatement) {
      const end = Math.min(items.length, start + rowsPerStatement);
      parameters.length = 0;
      for (let index = start; index < end; index++) valuesOf(items[index]!, parameters);
      if (parameters.length !== (end - start) * this.columns) {
        throw new Error(`MultiRowStatement: expected ${this.columns} values per row`);
      }
      written += this.#statement(end - start).run(parameters).changes;
    }
    return written;
  }

  #statement(rows: number): Statement {
    let statement = this.#statements.get(rows);
    if (statement === undefined) {
      const values = new Array(rows).fill(this.#row).join(', ');
      statement = this.database.prepare(this.sqlOf(values));
      this.#statements.set(rows, statement);
    }
    return statement;
  }
}
