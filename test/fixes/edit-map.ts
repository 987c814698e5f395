// Following an offset of the original text through a set of edits.
import { TextEdit } from '../../server/src/engine/types';

/** Where the text at `offset` ends up after the edits; undefined when an edit replaced it. */
export function mapOffset(offset: number, edits: readonly TextEdit[]): number | undefined {
  let shift = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
    if (offset < e.start) break;
    if (offset < e.end) return undefined;
    shift += e.newText.length - (e.end - e.start);
  }
  return offset + shift;
}

/** The edits overlap or two of them insert at the same offset. */
export function editsOverlap(edits: readonly TextEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) if (sorted[i].start < sorted[i - 1].end) return true;
  return false;
}

/** The text outside the edits, in order: must be unchanged by applying them. */
export function untouchedPieces(text: string, edits: readonly TextEdit[]): string[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: string[] = [];
  let cursor = 0;
  for (const e of sorted) {
    out.push(text.slice(cursor, e.start));
    cursor = Math.max(cursor, e.end);
  }
  out.push(text.slice(cursor));
  return out;
}
