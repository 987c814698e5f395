// A JSON parser that keeps where every value is in the text, so a notebook can be rewritten by
// replacing one value's characters and leaving every other byte as it was. Strings are decoded
// only when asked (notebook outputs can be megabytes of base64 nobody reads).

export type JsonNode =
  | { kind: 'object'; start: number; end: number; members: JsonMember[] }
  | { kind: 'array'; start: number; end: number; items: JsonNode[] }
  | { kind: 'string'; start: number; end: number }
  | { kind: 'number' | 'true' | 'false' | 'null'; start: number; end: number };

export interface JsonMember {
  key: string;
  value: JsonNode;
}

export type JsonParse = { ok: true; root: JsonNode } | { ok: false; message: string };

class JsonSyntaxError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

/** The decoded value of a string node. */
export function stringValue(text: string, node: JsonNode): string {
  // The token was validated while parsing; JSON.parse does the escape decoding.
  return JSON.parse(text.slice(node.start, node.end)) as string;
}

/** The last member with this key (JSON.parse semantics for duplicate keys). */
export function member(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (!node || node.kind !== 'object') return undefined;
  for (let i = node.members.length - 1; i >= 0; i--) if (node.members[i].key === key) return node.members[i].value;
  return undefined;
}

export function parseJsonTree(text: string): JsonParse {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte order mark is tolerated (offsets stay in `text`)
  const ws = (): void => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
  };
  const fail = (what: string): never => {
    const found = i >= text.length ? 'end of file' : `'${text[i]}'`;
    throw new JsonSyntaxError(`expected ${what}, found ${found}`, i);
  };
  const str = (): JsonNode => {
    const start = i;
    i++; // opening quote
    for (;;) {
      if (i >= text.length) throw new JsonSyntaxError('unterminated string', start);
      const c = text.charCodeAt(i);
      if (c === 0x22) break;
      if (c < 0x20) throw new JsonSyntaxError('control character in string', i);
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new JsonSyntaxError('bad \\u escape', i);
          i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) throw new JsonSyntaxError('bad escape', i);
        i += 2;
        continue;
      }
      i++;
    }
    i++;
    return { kind: 'string', start, end: i };
  };
  const value = (depth: number): JsonNode => {
    if (depth > 512) throw new JsonSyntaxError('nested too deeply', i);
    ws();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const members: JsonMember[] = [];
      ws();
      if (text[i] === '}') {
        i++;
        return { kind: 'object', start, end: i, members };
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('a string key');
        const keyNode = str();
        ws();
        if (text[i] !== ':') fail("':'");
        i++;
        members.push({ key: stringValue(text, keyNode), value: value(depth + 1) });
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return { kind: 'object', start, end: i, members };
        }
        fail("',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      const items: JsonNode[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return { kind: 'array', start, end: i, items };
      }
      for (;;) {
        items.push(value(depth + 1));
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return { kind: 'array', start, end: i, items };
        }
        fail("',' or ']'");
      }
    }
    if (c === '"') return str();
    for (const word of ['true', 'false', 'null'] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return { kind: word, start, end: i };
      }
    }
    const num = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    num.lastIndex = i;
    if (num.exec(text)) {
      i = num.lastIndex;
      return { kind: 'number', start, end: i };
    }
    return fail('a JSON value');
  };
  try {
    const root = value(0);
    ws();
    if (i < text.length) fail('end of file');
    return { ok: true, root };
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    return { ok: false, message: `${e.message} at ${lineColumn(text, e.offset)}` };
  }
}

function lineColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text.charCodeAt(k) === 10) {
      line++;
      lineStart = k + 1;
    }
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}
