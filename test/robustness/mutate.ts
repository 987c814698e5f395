// A seeded mutation engine for the fuzzer: small random edits to real Python files (lines and
// tokens deleted, duplicated, swapped; random bytes, NUL, lone surrogates, odd line breaks).
export type Random = () => number;

/** mulberry32: a small, fast, seeded generator (same seed → same inputs). */
export function seeded(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (rnd: Random, n: number): number => Math.floor(rnd() * n);
const pick = <T>(rnd: Random, items: readonly T[]): T => items[int(rnd, items.length)];

const ODD_PIECES = [
  '\0', '\ud800', '\udfff', '\ufffd', '\ufeff', '\r', '\r\n', '\n', '\t', '\u2028', '\x0c', '\x1b', '(', ')', '[', ']', '{', '}',
  ':', ',', '=', '"', "'", '"""', '\\', '#', '    ', 'if x:', 'for i in range(3):', 'def f(', 'class C:', 'lambda', 'await',
  'X_test', 'y_test', 'X_train', '.fit(', '.fit_transform(', 'train_test_split(', 'random_state=', 'np.random.', '.cuda()',
  '😀', '数据', 'é', '\u0301', '𝔛',
];

function randomPiece(rnd: Random): string {
  if (rnd() < 0.6) return pick(rnd, ODD_PIECES);
  let s = '';
  const n = 1 + int(rnd, 6);
  for (let i = 0; i < n; i++) s += String.fromCharCode(int(rnd, rnd() < 0.8 ? 128 : 0x10000));
  return s;
}

/** Token boundaries: runs of word characters, single other characters. */
function tokens(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const re = /\w+|[^\w\s]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

type Mutation = (text: string, rnd: Random) => string;

const lineMutations: Mutation[] = [
  // delete a line
  (text, rnd) => {
    const lines = text.split('\n');
    lines.splice(int(rnd, lines.length), 1);
    return lines.join('\n');
  },
  // duplicate a line
  (text, rnd) => {
    const lines = text.split('\n');
    const i = int(rnd, lines.length);
    lines.splice(i, 0, lines[i]);
    return lines.join('\n');
  },
  // swap two lines
  (text, rnd) => {
    const lines = text.split('\n');
    const i = int(rnd, lines.length);
    const j = int(rnd, lines.length);
    [lines[i], lines[j]] = [lines[j], lines[i]];
    return lines.join('\n');
  },
  // change a line's indentation
  (text, rnd) => {
    const lines = text.split('\n');
    const i = int(rnd, lines.length);
    lines[i] = rnd() < 0.5 ? lines[i].replace(/^\s+/, '') : pick(rnd, ['    ', '\t', ' ', '        ']) + lines[i];
    return lines.join('\n');
  },
];

const tokenMutations: Mutation[] = [
  (text, rnd) => {
    const t = tokens(text);
    if (!t.length) return text;
    const k = pick(rnd, t);
    return text.slice(0, k.start) + text.slice(k.end);
  },
  (text, rnd) => {
    const t = tokens(text);
    if (!t.length) return text;
    const k = pick(rnd, t);
    return text.slice(0, k.end) + text.slice(k.start, k.end) + text.slice(k.end);
  },
  (text, rnd) => {
    const t = tokens(text);
    if (t.length < 2) return text;
    let [a, b] = [pick(rnd, t), pick(rnd, t)];
    if (a.start > b.start) [a, b] = [b, a];
    if (a.end > b.start) return text;
    return text.slice(0, a.start) + text.slice(b.start, b.end) + text.slice(a.end, b.start) + text.slice(a.start, a.end) + text.slice(b.end);
  },
  // replace a token by one from elsewhere in the file
  (text, rnd) => {
    const t = tokens(text);
    if (t.length < 2) return text;
    const [a, b] = [pick(rnd, t), pick(rnd, t)];
    return text.slice(0, a.start) + text.slice(b.start, b.end) + text.slice(a.end);
  },
];

const byteMutations: Mutation[] = [
  (text, rnd) => {
    const at = int(rnd, text.length + 1);
    return text.slice(0, at) + randomPiece(rnd) + text.slice(at);
  },
  // truncate (half-typed code)
  (text, rnd) => text.slice(0, int(rnd, text.length + 1)),
  // line endings: all CRLF or all lone CR
  (text, rnd) => text.replace(/\r?\n/g, rnd() < 0.5 ? '\r\n' : '\r'),
  // delete a random range
  (text, rnd) => {
    const a = int(rnd, text.length + 1);
    return text.slice(0, a) + text.slice(Math.min(text.length, a + int(rnd, 40)));
  },
];

const ALL: Mutation[] = [...lineMutations, ...tokenMutations, ...byteMutations];

/** One to four random mutations of a text. */
export function mutate(text: string, rnd: Random): string {
  let out = text;
  const n = 1 + int(rnd, 4);
  for (let i = 0; i < n; i++) out = pick(rnd, ALL)(out, rnd);
  return out;
}
