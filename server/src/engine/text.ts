// Offsets ↔ lines and columns. Offsets and LSP characters are UTF-16 code units;
// the CLI reports columns in characters (code points).

export class LineIndex {
  private readonly starts: number[] = [0];
  private static last: LineIndex | undefined;

  /**
   * The index of a text, reused while the same text is asked for again (fixes, rules, output);
   * `known`, an index the caller has of that text, is the one reused from then on.
   */
  static of(text: string, known?: LineIndex): LineIndex {
    if (known && known.text === text) LineIndex.last = known;
    else if (LineIndex.last?.text !== text) LineIndex.last = new LineIndex(text);
    return LineIndex.last;
  }

  /** `starts`: the text's line starts when already known (edited() computes them); else they are found. */
  constructor(
    readonly text: string,
    starts?: number[],
  ) {
    if (starts) {
      this.starts = starts;
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }

  /**
   * The index of the text after replacing `start`..`end` with `inserted`, without scanning the
   * whole text: a line starts after a '\n', or after a '\r' not followed by '\n', so only the
   * starts next to the replaced range are looked for again; those after it are shifted.
   */
  edited(start: number, end: number, inserted: string, newText: string): LineIndex {
    const old = this.starts;
    const delta = inserted.length - (end - start);
    const starts = [0];
    let i = 1;
    for (; i < old.length && old[i] < start; i++) starts.push(old[i]);
    const last = start + inserted.length;
    for (let s = Math.max(1, start); s <= last; s++) {
      const c = newText.charCodeAt(s - 1);
      if (c === 10 || (c === 13 && newText.charCodeAt(s) !== 10)) starts.push(s);
    }
    for (; i < old.length && old[i] <= end; i++);
    for (; i < old.length; i++) starts.push(old[i] + delta);
    return new LineIndex(newText, starts);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 0-based line of an offset. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Offset of the start of a 0-based line. */
  offsetOf(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** End of a line's content (before its line break). */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    let end = this.starts[line + 1];
    if (this.text.charCodeAt(end - 1) === 10) end--;
    if (this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** LSP position: 0-based line, UTF-16 character. */
  position(offset: number): { line: number; character: number } {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(clamped);
    return { line, character: clamped - this.starts[line] };
  }

  /** Offset of an LSP position (clamped into the document). */
  offsetAt(position: { line: number; character: number }): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    return Math.min(this.starts[position.line] + Math.max(0, position.character), this.lineEnd(position.line));
  }

  /** CLI position: 1-based line, 1-based column counted in code points. */
  humanPosition(offset: number): { line: number; column: number } {
    const { line, character } = this.position(offset);
    const start = this.starts[line];
    let column = 1;
    for (let i = start; i < start + character; i++) {
      const c = this.text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < start + character) i++;
      column++;
    }
    return { line: line + 1, column };
  }

  /** The line's text, without its line break. */
  lineText(line: number): string {
    return this.text.slice(this.offsetOf(line), this.lineEnd(line));
  }

  private firstBreak: string | undefined;

  /** The line break the text uses (its first one: CRLF, LF or a lone CR); computed once. */
  get eol(): string {
    if (this.firstBreak === undefined) {
      const at = this.starts.length > 1 ? this.starts[1] : 0;
      this.firstBreak = at === 0 ? '\n' : this.text.charCodeAt(at - 1) === 13 ? '\r' : this.text.charCodeAt(at - 2) === 13 ? '\r\n' : '\n';
    }
    return this.firstBreak;
  }
}

/**
 * Where `text` differs from `before`: the same before `start`, and after `end` in `text` and
 * `endBefore` in `before` (start = end when text was only removed there).
 */
export function changedSpan(before: string, text: string): { start: number; end: number; endBefore: number } {
  const shorter = Math.min(before.length, text.length);
  let prefix = 0;
  while (prefix < shorter && before.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  const most = shorter - prefix;
  while (suffix < most && before.charCodeAt(before.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  return { start: prefix, end: text.length - suffix, endBefore: before.length - suffix };
}
