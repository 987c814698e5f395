// "Fix all": every safe fix (engine/fixes.ts decides which), as one edit over the changed lines.
import { appliedCount, counted as count, FixRun, fixText } from '../engine/fixes';
import { Finding, TextEdit } from '../engine/types';

/** Lines with their line breaks, so joining them gives the text back. */
function splitLines(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

/** One edit replacing the lines that differ (keeps the cursor and folding elsewhere stable). */
export function replacementEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  const a = splitLines(before);
  const b = splitLines(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const start = a.slice(0, head).join('').length;
  const end = before.length - a.slice(a.length - tail).join('').length;
  return { start, end, newText: b.slice(head, b.length - tail).join('') };
}

export function fixAllEdit(text: string, lint: (text: string) => Finding[]): { edit: TextEdit | undefined; run: FixRun } {
  const run = fixText(text, lint, { unsafe: false });
  return { edit: replacementEdit(text, run.text), run };
}

/**
 * What "Fix all" did and what it left, for the message after it: "Applied 5 safe fixes; 2
 * problems need review: 1 has an unsafe fix, 1 has none."
 */
export function fixAllSummary(run: Pick<FixRun, 'applied' | 'heldBack' | 'remaining'>): string {
  const applied = appliedCount(run.applied);
  const unsafe = Math.min(run.heldBack, run.remaining);
  const none = run.remaining - unsafe;
  const done = applied ? `Applied ${count(applied, 'safe fix', 'safe fixes')}` : 'No safe fix to apply';
  if (run.remaining === 0) return applied ? `${done}; no problems left.` : 'No problems to fix.';
  const review = `${count(run.remaining, 'problem needs', 'problems need')} review`;
  let why: string;
  if (unsafe && none) why = `${count(unsafe, 'has', 'have')} an unsafe fix, ${count(none, 'has', 'have')} none`;
  else if (unsafe) why = run.remaining === 1 ? 'its fix is unsafe (see its quick fixes)' : 'their fixes are unsafe (see their quick fixes)';
  else why = run.remaining === 1 ? 'it has no fix' : 'they have no fix';
  return `${done}; ${review}: ${why}.`;
}
