// Masking IPython syntax in a code cell so the cell parses as Python without moving anything:
// every masked character is replaced by one character, line breaks are kept, so an offset in
// the masked text is the same offset in the cell as written.
//
//   %matplotlib inline        → pass              (a statement: it may sit in an indented block)
//   !pip install x            → pass
//   pip install x             → pass              (automagic)
//   df.head?   ?df   ??df     → pass…
//   files = !ls *.csv         → files = _         (`_` is an unknown value to the analysis)
//   %time model.fit(X, y)     → _;    model.fit(X, y)   (the timed code runs, so it is analysed)
//   %%time / %%capture …      → only the first line is masked: the body is Python
//   %%bash, %%writefile, …    → the whole cell is blanked
import { Span } from '../engine/types';

export interface MaskedCell {
  /** Same length and same line breaks as the source. */
  text: string;
  /** What was masked, as offsets into the source. */
  masks: Span[];
}

/** Cell magics whose body is Python run in the kernel's namespace. */
const PYTHON_CELL_MAGICS = new Set(['time', 'timeit', 'capture', 'prun', 'debug', 'memit', 'mprun']);
/** Line magics followed by a Python statement that is run. */
const PYTHON_LINE_MAGICS = new Set(['time', 'timeit', 'prun', 'debug', 'memit']);
/** Options of those magics that take a value (`%timeit -n 10 -r 3 stmt`). */
const VALUE_OPTIONS = new Set(['n', 'r', 'p', 's', 'l', 'T', 'D', 'o']);
/**
 * Magics IPython runs without `%` (automagic, on by default): `pip install x`, `cd data`. Only
 * masked when followed by a word, which as Python would be a syntax error anyway.
 */
const AUTOMAGIC =
  /^(?:pip|conda|mamba|cd|matplotlib|load_ext|reload_ext|unload_ext|autoreload|aimport|env|set_env|pylab|run|reset|who|whos|store|pwd|mkdir|rmdir|cp|mv|rm|cat|less|config|precision|xmode|pdb|history|bookmark|alias)[ \t]+(?!(?:and|or|if|else|in|is|not|for|async|await|lambda)\b)[\w"'~]/;
const ASSIGN_FROM = /^((?:[A-Za-z_][\w.]*(?:\[[^\]\n]*\])?)(?:\s*,\s*[A-Za-z_][\w.]*)*)\s*=\s*(?=[!%])/;

/** Text of length n that is a complete Python statement. */
export function statementFiller(n: number): string {
  if (n >= 4) return 'pass' + ' '.repeat(n - 4);
  if (n === 3) return '...';
  return n > 0 ? '0' + ' '.repeat(n - 1) : '';
}

interface Line {
  start: number;
  /** End of the content, before the line break. */
  end: number;
}

function linesOf(source: string): Line[] {
  const out: Line[] = [];
  const re = /[^\r\n]*(\r\n|\n|\r|$)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(source))) {
    out.push({ start: m.index, end: m.index + m[0].length - m[1].length });
    if (!m[1]) break;
  }
  return out;
}

export function maskIPython(source: string): MaskedCell {
  const chars = source.split('');
  const masks: Span[] = [];
  const lines = linesOf(source);
  const replace = (start: number, text: string): void => {
    for (let k = 0; k < text.length; k++) chars[start + k] = text[k];
    masks.push({ start, end: start + text.length });
  };

  // A cell magic on the first non-blank line.
  const first = lines.findIndex((l) => source.slice(l.start, l.end).trim() !== '');
  let from = 0;
  if (first >= 0 && source.startsWith('%%', lines[first].start)) {
    const line = lines[first];
    const name = /^%%([\w.]*)/.exec(source.slice(line.start, line.end))![1];
    if (!PYTHON_CELL_MAGICS.has(name)) {
      for (const l of lines) for (let k = l.start; k < l.end; k++) chars[k] = ' ';
      return { text: chars.join(''), masks: [{ start: 0, end: source.length }] };
    }
    replace(line.start, ' '.repeat(line.end - line.start));
    from = first + 1;
  }

  const scanner = new PythonLineScanner();
  let shellContinues = false;
  for (let n = from; n < lines.length; n++) {
    const { start, end } = lines[n];
    const content = source.slice(start, end);
    if (shellContinues) {
      // A shell command continued with a trailing backslash.
      replace(start, ' '.repeat(end - start));
      shellContinues = content.endsWith('\\');
      continue;
    }
    if (!scanner.atLogicalStart()) {
      scanner.scan(content);
      continue;
    }
    const indent = /^[ \t]*/.exec(content)![0].length;
    const rest = content.slice(indent);
    const at = start + indent;
    if (/^[!%?]/.test(rest) || /^[/,][A-Za-z_]/.test(rest) || AUTOMAGIC.test(rest)) {
      const code = rest.startsWith('%') ? pythonAfterLineMagic(rest) : undefined;
      if (code !== undefined) {
        replace(at, '_;' + ' '.repeat(code - 2));
        scanner.scan(rest.slice(code));
      } else {
        replace(at, statementFiller(rest.length));
        shellContinues = rest.endsWith('\\');
      }
      continue;
    }
    const assign = ASSIGN_FROM.exec(rest);
    if (assign) {
      const valueAt = at + assign[0].length;
      replace(valueAt, '_' + ' '.repeat(end - valueAt - 1));
      shellContinues = content.endsWith('\\');
      continue;
    }
    const probe = scanner.copy();
    const help = probe.scan(content);
    if (help && probe.atLogicalStart()) {
      replace(at, statementFiller(rest.length));
      continue;
    }
    scanner.scan(content);
  }
  return { text: chars.join(''), masks };
}

/** For `%time stmt` and the like: where the Python statement starts in `rest` (≥ 2), if any. */
function pythonAfterLineMagic(rest: string): number | undefined {
  const m = /^%(\w+)/.exec(rest);
  if (!m || !PYTHON_LINE_MAGICS.has(m[1])) return undefined;
  let k = m[0].length;
  const skipSpaces = (): void => {
    while (rest[k] === ' ' || rest[k] === '\t') k++;
  };
  skipSpaces();
  while (rest[k] === '-' && /[A-Za-z]/.test(rest[k + 1] ?? '')) {
    const option = rest[k + 1];
    k += 2;
    if (VALUE_OPTIONS.has(option) && rest[k] !== undefined && /\s/.test(rest[k])) {
      skipSpaces();
      while (k < rest.length && !/\s/.test(rest[k])) k++;
    } else {
      while (k < rest.length && !/\s/.test(rest[k])) k++;
    }
    skipSpaces();
  }
  // `_; for …:` would not parse: a timed compound statement is masked with its magic.
  if (/^(?:for|while|if|with|try|def|class|async|match)\b/.test(rest.slice(k))) return undefined;
  return k < rest.length && !rest.slice(k).startsWith('#') ? k : undefined;
}

/**
 * Just enough of Python's tokenizer to know, line by line, whether the next line starts a new
 * logical line (not inside brackets, a triple-quoted string or after a backslash), and whether a
 * `?` occurs outside strings and comments.
 */
class PythonLineScanner {
  private depth = 0;
  private triple: string | undefined;
  private continued = false;

  atLogicalStart(): boolean {
    return this.depth === 0 && this.triple === undefined && !this.continued;
  }

  copy(): PythonLineScanner {
    const c = new PythonLineScanner();
    c.depth = this.depth;
    c.triple = this.triple;
    c.continued = this.continued;
    return c;
  }

  /** Scans one line (without its break); returns whether a `?` was seen in code. */
  scan(line: string): boolean {
    let question = false;
    this.continued = false;
    let k = 0;
    while (k < line.length) {
      if (this.triple) {
        const close = line.indexOf(this.triple, k);
        const escaped = line.indexOf('\\', k);
        if (escaped >= 0 && (close < 0 || escaped < close)) {
          k = escaped + 2;
          continue;
        }
        if (close < 0) return question;
        k = close + 3;
        this.triple = undefined;
        continue;
      }
      const c = line[k];
      if (c === '#') break;
      if (c === '"' || c === "'") {
        if (line.startsWith(c.repeat(3), k)) {
          this.triple = c.repeat(3);
          k += 3;
          continue;
        }
        k++;
        while (k < line.length && line[k] !== c) k += line[k] === '\\' ? 2 : 1;
        k++;
        continue;
      }
      if (c === '(' || c === '[' || c === '{') this.depth++;
      else if (c === ')' || c === ']' || c === '}') this.depth = Math.max(0, this.depth - 1);
      else if (c === '?') question = true;
      else if (c === '\\' && k === line.length - 1) this.continued = true;
      k++;
    }
    return question;
  }
}
