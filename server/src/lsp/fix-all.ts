// "Fix all": every safe fix (engine/fixes.ts decides which), as one edit over the changed lines.
import { fixText } from '../engine/fixes';
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

export function fixAllEdit(text: string, lint: (text: string) => Finding[]): TextEdit | undefined {
  return replacementEdit(text, fixText(text, lint, { unsafe: false }).text);
}
