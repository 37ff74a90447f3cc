/**
 * One shared copy of each short string that recurs across alerts: class, category and severity names, messages and
 * titles, observable names and types, product names, rule names and types, ATT&CK ids. JSON decoding makes a fresh
 * copy of every such string in every alert, so a host that keeps many parsed alerts (the memory case store) kept one
 * copy per alert: about 440 bytes per alert, 13% of what that store held.
 *
 * Bounded: once `capacity` distinct strings are held, the table starts over, so strings that never recur (a title
 * with an address in it) cannot crowd out the ones that do for long, and memory stays flat.
 */
export class SharedStrings {
  #table = new Map<string, string>();

  constructor(
    private readonly capacity = 8_192,
    private readonly maxLength = 200,
  ) {}

  /** The shared copy of `value` (remembered from now on if it is new); anything but a short string as it is. */
  share<T>(value: T): T {
    if (typeof value !== 'string' || value.length > this.maxLength) return value;
    const shared = this.#table.get(value);
    if (shared !== undefined) return shared as T;
    if (this.#table.size >= this.capacity) this.#table = new Map();
    this.#table.set(value, value);
    return value;
  }
}
