/**
 * Finds every occurrence of a set of ASCII literals in one pass over a text: an Aho–Corasick
 * automaton compiled into a dense transition table (one row of 128 ASCII columns per state),
 * so each character costs one table read whatever the number of literals. A character outside
 * ASCII cannot be part of a literal and sends the automaton back to its start.
 *
 * The table is built by subset construction rather than from a trie and failure links: a state
 * is the set of partial matches in progress, which is what a trie node and its failure chain
 * stand for, and a case-insensitive literal is then simply one whose letters accept both cases
 * (a trie would need a branch per spelling).
 *
 * Where no partial match is more than one character long, the scan leaves the automaton and
 * looks for the next pair of characters that begins a literal: most of a text is passed that
 * way, and that loop, unlike the automaton's, does not wait on a table read to know where it is.
 *
 * Occurrences overlap and are reported in text order: by start, the longer first where two
 * start at the same place (`sk-ant-` before `sk-`), as a regular expression alternation of the
 * literals sorted longest first would find them.
 */

export interface Literal {
  text: string;
  /** Whether ASCII letters match in either case (`key` matches `KEY` and `Key`). */
  ignoreCase?: boolean;
}

/** Called for each occurrence: where it starts and which literal it is (its index in the list compiled). */
export type OnLiteral = (start: number, literal: number) => void;

export interface LiteralMatcher {
  forEachMatch(text: string, onMatch: OnLiteral): void;
}

const COLUMN_BITS = 7;
const COLUMNS = 1 << COLUMN_BITS;
/** A partial match in a state: literal index × PROGRESS_SPAN + characters matched so far. */
const PROGRESS_SPAN = 256;

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

class Literals {
  /** Each literal's character codes, letters of case-insensitive literals in lower case. */
  readonly codes: number[][];
  private readonly ignoreCase: boolean[];
  /** For each ASCII code, the literals whose first character accepts it. */
  readonly startingWith: number[][] = Array.from({ length: COLUMNS }, () => []);

  constructor(literals: readonly Literal[]) {
    for (const { text } of literals) {
      const ascii = [...text].every((char) => char.charCodeAt(0) < COLUMNS);
      if (!ascii || text.length === 0 || text.length >= PROGRESS_SPAN) throw new Error(`Not a literal of 1 to ${PROGRESS_SPAN - 1} ASCII characters: ${JSON.stringify(text)}`);
    }
    this.ignoreCase = literals.map((literal) => literal.ignoreCase === true);
    this.codes = literals.map(({ text }, i) => [...text].map((char) => this.fold(i, char.charCodeAt(0))));
    this.codes.forEach((_, i) => {
      for (const code of this.accepted(i, 0)) this.startingWith[code]!.push(i);
    });
  }

  private fold(literal: number, code: number): number {
    return this.ignoreCase[literal] && isAsciiLetter(code) ? code | 0x20 : code;
  }

  accepts(literal: number, position: number, code: number): boolean {
    return this.codes[literal]![position] === this.fold(literal, code);
  }

  /** The codes the literal's character at `position` accepts: one, or both cases of a letter. */
  accepted(literal: number, position: number): number[] {
    const code = this.codes[literal]![position]!;
    return this.ignoreCase[literal] && isAsciiLetter(code) ? [code, code ^ 0x20] : [code];
  }

  length(literal: number): number {
    return this.codes[literal]!.length;
  }

  /** 1 at first × COLUMNS + second for each pair of characters a literal begins with. */
  openingPairs(): Uint8Array {
    const pairs = new Uint8Array(COLUMNS * COLUMNS);
    this.codes.forEach((codes, i) => {
      if (codes.length < 2) return;
      for (const first of this.accepted(i, 0)) for (const second of this.accepted(i, 1)) pairs[(first << COLUMN_BITS) | second] = 1;
    });
    return pairs;
  }
}

const literalOf = (match: number) => Math.floor(match / PROGRESS_SPAN);
const progressOf = (match: number) => match % PROGRESS_SPAN;

/** The automaton before it is packed: states as sorted lists of matches (partial and complete), and their transitions. */
class SubsetConstruction {
  readonly states: number[][] = [[]];
  readonly transitions: number[][] = [];
  private readonly ids = new Map<string, number>([['', 0]]);

  constructor(private readonly literals: Literals) {
    for (let state = 0; state < this.states.length; state++) {
      const matches = this.states[state]!;
      // A character no partial match of the state continues leads where it leads from the start.
      const row = state === 0 ? Array.from({ length: COLUMNS }, (_, code) => this.idOf(this.step([], code))) : [...this.transitions[0]!];
      for (const code of this.continuingCodes(matches)) row[code] = this.idOf(this.step(matches, code));
      this.transitions.push(row);
    }
  }

  isComplete(match: number): boolean {
    return progressOf(match) === this.literals.length(literalOf(match));
  }

  private continuingCodes(matches: number[]): Set<number> {
    const partial = matches.filter((match) => !this.isComplete(match));
    return new Set(partial.flatMap((match) => this.literals.accepted(literalOf(match), progressOf(match))));
  }

  private step(matches: number[], code: number): number[] {
    const next: number[] = [];
    for (const match of matches) {
      if (!this.isComplete(match) && this.literals.accepts(literalOf(match), progressOf(match), code)) next.push(match + 1);
    }
    for (const literal of this.literals.startingWith[code]!) next.push(literal * PROGRESS_SPAN + 1);
    return next.sort((a, b) => a - b);
  }

  private idOf(matches: number[]): number {
    const key = matches.join(',');
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.states.length;
      this.ids.set(key, id);
      this.states.push(matches);
    }
    return id;
  }
}

/** Matches found but not yet reported, kept in report order until no earlier-starting match can still come. */
class PendingMatches {
  private readonly starts: number[] = [];
  private readonly literals: number[] = [];

  constructor(private readonly lengths: Int32Array) {}

  get size(): number {
    return this.starts.length;
  }

  add(start: number, literal: number): void {
    let at = this.starts.length;
    while (at > 0 && this.comesAfter(at - 1, start, literal)) at--;
    this.starts.splice(at, 0, start);
    this.literals.splice(at, 0, literal);
  }

  private comesAfter(index: number, start: number, literal: number): boolean {
    const other = this.literals[index]!;
    if (this.starts[index] !== start) return this.starts[index]! > start;
    const lengthDifference = this.lengths[literal]! - this.lengths[other]!;
    return lengthDifference > 0 || (lengthDifference === 0 && other > literal);
  }

  /** Reports the matches that start before `limit`. */
  reportBefore(limit: number, onMatch: OnLiteral): void {
    let count = 0;
    while (count < this.starts.length && this.starts[count]! < limit) {
      onMatch(this.starts[count]!, this.literals[count]!);
      count++;
    }
    this.starts.splice(0, count);
    this.literals.splice(0, count);
  }
}

/**
 * States are numbered by kind: shallow ones first (the start among them, no partial match
 * longer than one character, nothing complete), then deep ones, then those that complete a
 * literal; a transition holds its target's number × COLUMNS, the start of its row.
 */
const SHALLOW = 0;
const DEEP = 1;
const COMPLETING = 2;

class TableMatcher implements LiteralMatcher {
  private readonly next: Int32Array;
  /** The first deep state × COLUMNS; 0 when a literal of one character forbids leaving the automaton. */
  private readonly firstDeepState: number;
  /** The first state that completes a literal × COLUMNS. */
  private readonly firstCompletingState: number;
  /** For each state, the literals it completes. */
  private readonly completes: number[][];
  /** For each state, its longest partial match: a match still to come starts at most that far back. */
  private readonly reach: Int32Array;
  private readonly lengths: Int32Array;
  private readonly openingPairs: Uint8Array;

  constructor(literals: Literals, built: SubsetConstruction) {
    const completing = built.states.map((matches) => matches.filter((match) => built.isComplete(match)).map(literalOf));
    const reach = built.states.map((matches) => Math.max(0, ...matches.filter((match) => !built.isComplete(match)).map(progressOf)));
    const kind = (state: number) => (completing[state]!.length > 0 ? COMPLETING : reach[state]! > 1 ? DEEP : SHALLOW);
    const order = built.states.map((_, state) => state).sort((a, b) => kind(a) - kind(b) || a - b);
    const renumbered = new Int32Array(order.length);
    order.forEach((state, id) => (renumbered[state] = id));
    const firstOf = (wanted: number) => {
      const first = order.findIndex((state) => kind(state) >= wanted);
      return (first < 0 ? order.length : first) * COLUMNS;
    };

    this.next = new Int32Array(order.length * COLUMNS);
    order.forEach((state, id) => {
      const row = built.transitions[state]!;
      for (let code = 0; code < COLUMNS; code++) this.next[id * COLUMNS + code] = renumbered[row[code]!]! * COLUMNS;
    });
    this.lengths = Int32Array.from(literals.codes, (codes) => codes.length);
    this.firstDeepState = this.lengths.some((length) => length < 2) ? 0 : firstOf(DEEP);
    this.firstCompletingState = firstOf(COMPLETING);
    this.completes = order.map((state) => completing[state]!);
    this.reach = Int32Array.from(order, (state) => reach[state]!);
    this.openingPairs = literals.openingPairs();
  }

  forEachMatch(text: string, onMatch: OnLiteral): void {
    const { next, firstDeepState, firstCompletingState } = this;
    const pending = new PendingMatches(this.lengths);
    // States from `attention` on need a look; while matches wait to be reported, every state does.
    let attention = firstCompletingState;
    let state = 0;
    for (let at = 0; at < text.length; at++) {
      if (state < firstDeepState) {
        // Any partial match began at the previous character, and nothing waits to be reported
        // (a match is, once no longer one can start before it): jump to the next opening pair
        // and take both of its characters from the start state.
        const start = this.nextOpening(text, at > 0 ? at - 1 : 0);
        if (start === text.length) break;
        state = next[text.charCodeAt(start)]!;
        at = start + 1;
      }
      const code = text.charCodeAt(at);
      state = code < COLUMNS ? next[state + code]! : 0;
      if (state < attention) continue;
      this.collect(state, at, pending);
      pending.reportBefore(at + 1 - this.reach[state >> COLUMN_BITS]!, onMatch);
      attention = pending.size > 0 ? 0 : firstCompletingState;
    }
    pending.reportBefore(text.length, onMatch);
  }

  /** Where the first pair of characters from `from` on that begins a literal is; the text's length if none. */
  private nextOpening(text: string, from: number): number {
    const pairs = this.openingPairs;
    let second = text.charCodeAt(from);
    for (let at = from; at + 1 < text.length; at++) {
      const first = second;
      second = text.charCodeAt(at + 1);
      if ((first | second) < COLUMNS && pairs[(first << COLUMN_BITS) | second] === 1) return at;
    }
    return text.length;
  }

  /** Adds the literals that end at `at` (the state completes them) to the pending matches. */
  private collect(state: number, at: number, pending: PendingMatches): void {
    if (state < this.firstCompletingState) return;
    for (const literal of this.completes[state >> COLUMN_BITS]!) pending.add(at + 1 - this.lengths[literal]!, literal);
  }
}

export function compileLiteralMatcher(literals: readonly Literal[]): LiteralMatcher {
  const compiled = new Literals(literals);
  return new TableMatcher(compiled, new SubsetConstruction(compiled));
}
