/**
 * Builds one string matching a vendor `pattern`, for valid sample inputs of pattern-constrained fields (ARNs,
 * durations, paths). It reads the common regular-expression subset — literals, escapes, classes, groups,
 * alternation and quantifiers — takes the first alternative and the minimum repetition (at least one for `+`),
 * and returns undefined for anything else (lookarounds, backreferences). Callers check the result with RegExp.
 */
export function sampleForPattern(pattern: string): string | undefined {
  const parser = new PatternParser(pattern);
  try {
    const out = parser.alternation();
    return parser.done() ? out : undefined;
  } catch {
    return undefined;
  }
}

const escapes: Record<string, string> = { d: '0', w: 'a', s: ' ', D: 'a', W: '-', S: 'a', n: '\n', t: '\t', r: '\r' };

class PatternParser {
  private index = 0;
  constructor(private readonly source: string) {}

  done(): boolean {
    return this.index >= this.source.length;
  }

  private peek(): string | undefined {
    return this.source[this.index];
  }

  alternation(): string {
    const first = this.sequence();
    while (this.peek() === '|') {
      this.index++;
      this.sequence();
    }
    return first;
  }

  private sequence(): string {
    let out = '';
    while (!this.done() && this.peek() !== '|' && this.peek() !== ')') {
      const atom = this.atom();
      out += this.repeat(atom);
    }
    return out;
  }

  private repeat(atom: string): string {
    const next = this.peek();
    let count = 1;
    if (next === '*' || next === '?') {
      this.index++;
      count = 0;
    } else if (next === '+') {
      this.index++;
    } else if (next === '{') {
      const match = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.index));
      if (match) {
        this.index += match[0].length;
        count = Number(match[1]);
      }
    } else return atom;
    if (this.peek() === '?' || this.peek() === '+') this.index++;
    return atom.repeat(count);
  }

  private atom(): string {
    const character = this.source[this.index++]!;
    switch (character) {
      case '^':
      case '$':
        return '';
      case '.':
        return 'a';
      case '\\':
        return this.escape();
      case '[':
        return this.characterClass();
      case '(': {
        if (this.source.startsWith('?:', this.index)) this.index += 2;
        else if (this.peek() === '?') throw new Error('lookaround');
        const inner = this.alternation();
        if (this.source[this.index++] !== ')') throw new Error('unbalanced group');
        return inner;
      }
      default:
        return character;
    }
  }

  private escape(): string {
    const character = this.source[this.index++]!;
    if (character === 'u') {
      const hex = this.source.slice(this.index, this.index + 4);
      this.index += 4;
      return String.fromCharCode(Number.parseInt(hex, 16));
    }
    if (character === 'x') {
      const hex = this.source.slice(this.index, this.index + 2);
      this.index += 2;
      return String.fromCharCode(Number.parseInt(hex, 16));
    }
    // A Unicode property (`\p{L}`, `\p{N}`): a letter satisfies the common ones (`\P{...}` is rare; not read).
    if (character === 'p' && this.source[this.index] === '{') {
      const end = this.source.indexOf('}', this.index);
      if (end < 0) throw new Error('unterminated property');
      const property = this.source.slice(this.index + 1, end);
      this.index = end + 1;
      return property === 'N' || property === 'Nd' ? '0' : 'a';
    }
    if (/[1-9]/.test(character)) throw new Error('backreference');
    if (character === 'b' || character === 'B') return '';
    return escapes[character] ?? character;
  }

  /** The first character a class allows (a negated class: the first printable letter or digit it does not list). */
  private characterClass(): string {
    const negated = this.peek() === '^';
    if (negated) this.index++;
    const members: Array<[string, string]> = [];
    let first = true;
    while (!this.done() && (this.peek() !== ']' || first)) {
      first = false;
      let start = this.source[this.index++]!;
      if (start === '\\') start = this.escape();
      let end = start;
      if (this.peek() === '-' && this.source[this.index + 1] !== ']') {
        this.index++;
        end = this.source[this.index++]!;
        if (end === '\\') end = this.escape();
      }
      members.push([start, end]);
    }
    this.index++;
    if (!negated) return members[0]?.[0] ?? 'a';
    for (const candidate of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789') {
      if (!members.some(([start, end]) => candidate >= start && candidate <= end)) return candidate;
    }
    return '~';
  }
}
