// Applying fixes: non-overlapping edits, repeated until nothing changes, never leaving the
// code parsing worse than before.
import { parsePython } from '../parser/parser';
import { Applicability, Finding, Fix, TextEdit } from './types';

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.start < cursor) throw new Error('overlapping edits');
    out += text.slice(cursor, edit.start) + edit.newText;
    cursor = edit.end;
  }
  return out + text.slice(cursor);
}

/** Edits of two fixes conflict when they intersect or start at the same offset (two insertions
 *  there would land in an arbitrary order: apply one, relint, and let the other adapt). */
function overlaps(a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
  return a.some((x) => b.some((y) => (x.start < y.end && y.start < x.end) || x.start === y.start));
}

function errorCount(text: string): number {
  const tree = parsePython(text);
  let count = 0;
  const cursor = tree.walk();
  for (;;) {
    if (cursor.nodeType === 'ERROR' || cursor.nodeIsMissing) count++;
    if (cursor.gotoFirstChild()) continue;
    let done = false;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        done = true;
        break;
      }
    }
    if (done) return count;
  }
}

export function allowed(fix: Fix, unsafe: boolean): boolean {
  return fix.applicability === 'safe' || unsafe;
}

export interface FixRun {
  text: string;
  /** Fixes applied, by rule id. */
  applied: Map<string, number>;
  /** Unsafe fixes available but not applied. */
  heldBack: number;
  /** Findings left in the fixed text (those held back among them). */
  remaining: number;
}

/**
 * Applies the fixes `lint` offers, relinting after each round so later fixes see the new code.
 * A round's fixes are chosen greedily so their edits do not overlap; a fix whose result parses
 * worse than its input is dropped.
 */
export function fixText(text: string, lintText: (text: string) => Finding[], options: { unsafe: boolean; maxRounds?: number }): FixRun {
  // The last round lints the final text already; the held-back count reuses that answer.
  let linted: { text: string; findings: Finding[] } | undefined;
  const lint = (t: string): Finding[] => {
    if (linted?.text !== t) linted = { text: t, findings: lintText(t) };
    return linted.findings;
  };
  const applied = new Map<string, number>();
  let current = text;
  const baseErrors = errorCount(text);
  const rejected = new Set<string>();
  for (let round = 0; round < (options.maxRounds ?? 10); round++) {
    const findings = lint(current);
    const chosen: { rule: string; fix: Fix }[] = [];
    for (const finding of findings) {
      const fix = finding.fixes.find((f) => allowed(f, options.unsafe) && !rejected.has(key(f)) && wellFormed(f, current.length));
      if (!fix || chosen.some((c) => overlaps(c.fix.edits, fix.edits))) continue;
      chosen.push({ rule: finding.rule, fix });
    }
    if (!chosen.length) break;
    let next = applyEdits(current, chosen.flatMap((c) => c.fix.edits));
    if (next === current || errorCount(next) > baseErrors) {
      // Find the culprits one by one: a fix that changes nothing or parses worse alone is
      // dropped; the others are applied this round (the first alone if together they fail).
      const good = chosen.filter((c) => {
        const alone = applyEdits(current, c.fix.edits);
        const ok = alone !== current && errorCount(alone) <= baseErrors;
        if (!ok) rejected.add(key(c.fix));
        return ok;
      });
      chosen.splice(0, chosen.length, ...good);
      next = applyEdits(current, chosen.flatMap((c) => c.fix.edits));
      if (chosen.length > 1 && errorCount(next) > baseErrors) {
        chosen.splice(1);
        next = applyEdits(current, chosen[0].fix.edits);
      }
      if (!chosen.length) continue;
    }
    for (const c of chosen) applied.set(c.rule, (applied.get(c.rule) ?? 0) + 1);
    current = next;
  }
  const left = lint(current);
  return { text: current, applied, heldBack: options.unsafe ? 0 : heldBackCount(left), remaining: left.length };
}

/** Findings whose only fixes are unsafe: what a safe-only run leaves for review. */
export function heldBackCount(findings: readonly Finding[]): number {
  return findings.filter((f) => f.fixes.some((x) => x.applicability === 'unsafe') && !f.fixes.some((x) => x.applicability === 'safe')).length;
}

/** A fix's own edits lie inside the text and do not overlap (a broken fix is skipped, not thrown on). */
function wellFormed(fix: Fix, length: number): boolean {
  const sorted = [...fix.edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let cursor = 0;
  for (const e of sorted) {
    if (!(e.start >= cursor && e.start <= e.end && e.end <= length)) return false;
    cursor = e.end;
  }
  return sorted.length > 0;
}

function key(fix: Fix): string {
  return `${fix.title}|${fix.edits.map((e) => `${e.start}:${e.end}:${e.newText}`).join('|')}`;
}

/** How many fixes a run applied, over all rules. */
export function appliedCount(applied: ReadonlyMap<string, number> | undefined): number {
  return [...(applied?.values() ?? [])].reduce((a, b) => a + b, 0);
}

/** `1 fix`, `2 fixes`: a count with the word that agrees with it. */
export function counted(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export type { Applicability };
