// Findings whose cause lies in another project module: reported at the analysed file's call or
// import that reached it (the line the user controls), with the module's line as a related
// location. Fixes stay in the analysed file.
import { PyNode } from '../parser/syntax';
import { ModuleUnit } from '../semantic/modules';
import { ProgramModel } from '../semantic/model';
import { RuleReport } from './rule';
import { Fix, OtherFileLocation, RelatedSpan } from './types';

export function otherFileLocation(unit: ModuleUnit, node: PyNode): OtherFileLocation {
  return {
    path: unit.path,
    display: unit.display,
    start: unit.lines.position(node.start),
    end: unit.lines.position(node.end),
    human: unit.lines.humanPosition(node.start),
    humanEnd: unit.lines.humanPosition(node.end),
  };
}

/** A related location anywhere in the program. */
export function relatedAt(model: ProgramModel, node: PyNode, message: string): RelatedSpan {
  const unit = model.moduleOf(node);
  return unit ? { span: { start: node.start, end: node.end }, message, file: otherFileLocation(unit, node) } : { span: { start: node.start, end: node.end }, message };
}

/**
 * Only whole-line insertions (the seeding calls, the cuDNN flags after the imports) stay right
 * when a finding's cause is in another module; other edits were computed from that module's
 * nodes or assume the cause is at the reported call.
 */
function insertsWholeLines(fix: Fix, text: string): boolean {
  return fix.edits.every((e) => {
    if (e.start !== e.end) return false;
    const atLineStart = e.start === 0 || text[e.start - 1] === '\n' || text[e.start - 1] === '\r';
    const atLineEnd = e.start === text.length || text[e.start] === '\n' || text[e.start] === '\r';
    return (atLineStart && /[\r\n]$/.test(e.newText)) || (atLineEnd && /^[\r\n]/.test(e.newText));
  });
}

/** The report placed in the analysed file: node anchored, other modules' nodes as related locations. */
export function placeReport(model: ProgramModel, report: RuleReport, text: string): { node: PyNode; related: RelatedSpan[]; fixes: Fix[] } {
  const related = (report.related ?? []).map((r) => relatedAt(model, r.node, r.message));
  const fixes = report.fixes ?? [];
  if (!model.modules.length) return { node: report.node, related, fixes };
  const unit = model.moduleOf(report.node);
  const node = unit ? model.anchorOf(report.node) : report.node;
  if (unit) related.unshift(relatedAt(model, report.node, 'where it happens'));
  const involvesOtherModule = !!unit || model.isAnchor(node) || (report.related ?? []).some((r) => model.moduleOf(r.node) || model.isAnchor(r.node));
  return { node, related, fixes: involvesOtherModule ? fixes.filter((f) => insertsWholeLines(f, text)) : fixes };
}
