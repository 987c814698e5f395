// What must hold for any input, however broken: the analysis does not throw, stays inside the
// document, is deterministic and bounded in time; fixes edit only their ranges, never overlap,
// and never leave the code parsing worse.
import * as assert from 'node:assert/strict';
import { applyEdits, fixText } from '../../server/src/engine/fixes';
import { lint } from '../../server/src/engine/lint';
import { Finding, TextEdit } from '../../server/src/engine/types';
import { countParseErrors } from '../fixes/parse-errors';

export interface Checked {
  findings: number;
  fixes: number;
  ms: number;
}

function assertSpan(span: { start: number; end: number }, length: number, what: string): void {
  assert.ok(Number.isInteger(span.start) && Number.isInteger(span.end), `${what}: non-integer span`);
  assert.ok(span.start >= 0 && span.start <= span.end && span.end <= length, `${what}: span ${span.start}-${span.end} outside 0-${length}`);
}

/** Text outside the edits is byte-identical, in order, after applying them. */
export function assertEditsKeepOutside(text: string, edits: readonly TextEdit[], what: string): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i].start >= sorted[i - 1].end, `${what}: overlapping edits`);
  for (const e of sorted) assertSpan(e, text.length, `${what}: edit`);
  const result = applyEdits(text, sorted);
  let cursor = 0;
  let at = 0;
  for (const e of sorted) {
    const piece = text.slice(cursor, e.start);
    assert.equal(result.slice(at, at + piece.length), piece, `${what}: text before an edit changed`);
    at += piece.length;
    assert.equal(result.slice(at, at + e.newText.length), e.newText, `${what}: edit text not where expected`);
    at += e.newText.length;
    cursor = e.end;
  }
  assert.equal(result.slice(at), text.slice(cursor), `${what}: text after the last edit changed`);
  return result;
}

function key(findings: readonly Finding[]): string {
  return JSON.stringify(findings.map((f) => [f.rule, f.span, f.message, f.severity, f.related, f.fixes]));
}

export interface CheckOptions {
  /** Also run the full fix loop (slower). */
  fixAll?: boolean;
  /** Also apply every offered fix alone and compare parse errors. */
  applyEach?: boolean;
  timeLimitMs?: number;
}

export function checkInvariants(text: string, options: CheckOptions = {}): Checked {
  const started = Date.now();
  const result = lint({ text });
  const ms = Date.now() - started;
  if (options.timeLimitMs) assert.ok(ms <= options.timeLimitMs, `analysis took ${ms} ms (limit ${options.timeLimitMs})`);
  let fixes = 0;
  for (const f of result.findings) {
    assertSpan(f.span, text.length, f.rule);
    for (const r of f.related) assertSpan(r.span, text.length, `${f.rule} related`);
    for (const fix of f.fixes) {
      fixes++;
      const fixed = assertEditsKeepOutside(text, fix.edits, `${f.rule} fix "${fix.title}"`);
      // tree-sitter-python reads a lone CR as a line break only in some places, so a correct
      // insertion into a CR-only file can parse worse; fixText rejects those (checked below).
      if (options.applyEach && !/\r(?!\n)/.test(text)) assert.ok(countParseErrors(fixed) <= countParseErrors(text), `${f.rule} fix "${fix.title}" parses worse`);
    }
  }
  assert.equal(key(lint({ text }).findings), key(result.findings), 'two analyses of the same text differ');
  if (options.fixAll) {
    const run = fixText(text, (t) => lint({ text: t }).findings, { unsafe: true });
    assert.ok(countParseErrors(run.text) <= countParseErrors(text), 'fixing made the code parse worse');
  }
  return { findings: result.findings.length, fixes, ms };
}
