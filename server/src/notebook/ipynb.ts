// Reading an .ipynb file (nbformat 4) into cells, and writing changed cell sources back into the
// same JSON text: only the `source` values of the changed cells are replaced, in the form they
// had (a string, or a list of lines), so outputs, metadata, key order and layout stay as they were.
import { JsonNode, member, parseJsonTree, stringValue } from './json-tree';

export interface IpynbCell {
  /** 1-based index among all cells of the notebook, as in the file. */
  cell: number;
  /** `code`, `markdown`, `raw` (as written in the file). */
  kind: string;
  /** The source with the list items joined. */
  source: string;
  /** Where the `source` value is in the JSON text. */
  sourceNode: JsonNode;
}

export interface ParsedIpynb {
  text: string;
  cells: IpynbCell[];
  /** The kernel's language when the notebook names one (lower case). */
  language?: string;
}

export type IpynbParse = { ok: true; notebook: ParsedIpynb } | { ok: false; message: string };

export function parseIpynb(text: string): IpynbParse {
  const bad = (message: string): IpynbParse => ({ ok: false, message: `not a valid notebook: ${message}` });
  const json = parseJsonTree(text);
  if (!json.ok) return bad(`invalid JSON (${json.message})`);
  const root = json.root;
  if (root.kind !== 'object') return bad('the JSON is not an object');
  const version = member(root, 'nbformat');
  const major = version?.kind === 'number' ? Number(text.slice(version.start, version.end)) : undefined;
  if (major !== undefined && major < 4 || member(root, 'worksheets')) {
    return { ok: false, message: `nbformat ${major ?? 3} notebook: only nbformat 4 is supported (upgrade it with \`jupyter nbconvert --to notebook\`)` };
  }
  const cellsNode = member(root, 'cells');
  if (!cellsNode || cellsNode.kind !== 'array') return bad('no "cells" list');
  const cells: IpynbCell[] = [];
  for (const [k, node] of cellsNode.items.entries()) {
    const where = `cell ${k + 1}`;
    const type = member(node, 'cell_type');
    if (!type || type.kind !== 'string') return bad(`${where} has no "cell_type"`);
    const sourceNode = member(node, 'source');
    const source = sourceNode ? sourceText(text, sourceNode) : undefined;
    if (!sourceNode || source === undefined) return bad(`${where}: "source" must be a string or a list of strings`);
    cells.push({ cell: k + 1, kind: stringValue(text, type), source, sourceNode });
  }
  return { ok: true, notebook: { text, cells, language: languageOf(text, root) } };
}

function sourceText(text: string, node: JsonNode): string | undefined {
  if (node.kind === 'string') return stringValue(text, node);
  if (node.kind !== 'array' || node.items.some((i) => i.kind !== 'string')) return undefined;
  return node.items.map((i) => stringValue(text, i)).join('');
}

function languageOf(text: string, root: JsonNode): string | undefined {
  const metadata = member(root, 'metadata');
  const candidates = [member(member(metadata, 'kernelspec'), 'language'), member(member(metadata, 'language_info'), 'name')];
  for (const c of candidates) if (c?.kind === 'string') return stringValue(text, c).toLowerCase();
  return undefined;
}

/** Splits like Python's `str.splitlines(True)` for the line breaks source code uses. */
export function splitSourceLines(source: string): string[] {
  return source.match(/[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+$/g) ?? [];
}

/** The notebook text with the given cells' sources replaced (cell number → new source). */
export function replaceSources(notebook: ParsedIpynb, changes: ReadonlyMap<number, string>): string {
  const { text } = notebook;
  const style = fileStyle(text);
  const edits: { start: number; end: number; newText: string }[] = [];
  for (const cell of notebook.cells) {
    const next = changes.get(cell.cell);
    if (next === undefined || next === cell.source) continue;
    edits.push({ start: cell.sourceNode.start, end: cell.sourceNode.end, newText: serializeSource(text, cell.sourceNode, next, style) });
  }
  edits.sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

interface FileStyle {
  /** Non-ASCII characters are written as \u escapes (Python's json.dump default). */
  ensureAscii: boolean;
  eol: string;
  /** One indentation level; undefined when the file is on one line. */
  indent?: string;
}

function fileStyle(text: string): FileStyle {
  const ensureAscii = !/[^\x00-\x7f]/.test(text) && /\\u(?:00[89a-fA-F][0-9a-fA-F]|0[1-9a-fA-F][0-9a-fA-F]{2}|[1-9a-fA-F][0-9a-fA-F]{3})/.test(text);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const firstIndent = /^\uFEFF?\{\r?\n([ \t]+)"/.exec(text);
  return { ensureAscii, eol, indent: firstIndent ? firstIndent[1] : text.includes('\n') ? ' ' : undefined };
}

function quote(value: string, style: FileStyle): string {
  const json = JSON.stringify(value);
  return style.ensureAscii ? json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
}

function serializeSource(text: string, node: JsonNode, source: string, style: FileStyle): string {
  if (node.kind !== 'array') return quote(source, style);
  const items = node.items;
  // One item holding several lines is a style some tools write; keep it.
  const single = items.length === 1 && splitSourceLines(stringValue(text, items[0])).length > 1;
  const lines = single ? (source === '' ? [] : [source]) : splitSourceLines(source);
  if (!lines.length) return '[]';
  // Unchanged lines keep their exact original token (escaping style included).
  const original = new Map<string, string>();
  for (const item of items) {
    const value = stringValue(text, item);
    if (!original.has(value)) original.set(value, text.slice(item.start, item.end));
  }
  const tokens = lines.map((l) => original.get(l) ?? quote(l, style));
  let open: string;
  let sep: string;
  let close: string;
  if (items.length) {
    open = text.slice(node.start + 1, items[0].start);
    close = text.slice(items[items.length - 1].end, node.end - 1);
    sep = items.length > 1 ? text.slice(items[0].end, items[1].start) : `,${open}`;
  } else if (style.indent !== undefined) {
    const indent = lineIndentation(text, node.start);
    open = `${style.eol}${indent}${style.indent}`;
    close = `${style.eol}${indent}`;
    sep = `,${open}`;
  } else {
    open = close = '';
    sep = ',';
  }
  return `[${open}${tokens.join(sep)}${close}]`;
}

function lineIndentation(text: string, offset: number): string {
  const lineStart = Math.max(text.lastIndexOf('\n', offset - 1) + 1, 0);
  return /^[ \t]*/.exec(text.slice(lineStart, offset))![0];
}
