/**
 * A small seeded pseudo-random source, so every benchmark input is the same from run to run and machine to
 * machine. The state update is a 32-bit Weyl sequence (add an odd constant), the output an integer hash of the
 * state: cheap, statistically fine for generating test data, not for anything security related.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x9e3779b9) >>> 0;
    let value = this.state;
    value = Math.imul(value ^ (value >>> 16), 0x21f0aaad);
    value = Math.imul(value ^ (value >>> 15), 0x735a2d97);
    value ^= value >>> 15;
    return (value >>> 0) / 4_294_967_296;
  }

  /** An integer in [0, count). */
  integer(count: number): number {
    return Math.floor(this.next() * count);
  }

  /** An integer in [minimum, maximum]. */
  between(minimum: number, maximum: number): number {
    return minimum + this.integer(maximum - minimum + 1);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.integer(items.length)]!;
  }

  /**
   * An index in [0, count) where low indexes are much more likely: density proportional to 1 / (index +
   * offset), sampled by inverting its distribution function. `offset` flattens the head: with offset 1 the
   * first item alone takes about 1 / ln(count) of the draws; with a larger offset no single item dominates,
   * which is how real alert data looks (a few noisy users and hosts, a long tail of quiet ones).
   */
  skewed(count: number, offset: number): number {
    const index = Math.floor(offset * ((count + offset) / offset) ** this.next() - offset);
    return Math.min(count - 1, index);
  }

  /** Exponentially distributed with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** Lower-case hex digits. */
  hex(length: number): string {
    let text = '';
    while (text.length < length) text += (Math.floor(this.next() * 4_294_967_296) >>> 0).toString(16).padStart(8, '0');
    return text.slice(0, length);
  }
}
