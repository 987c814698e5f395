// Code actions for the diagnostics under the cursor: the rule's fixes, suppressions, the rule's
// documentation; and `source.fixAll.holdout` (in a notebook also `notebook.source.fixAll.holdout`). Works in "program" offsets (a file's text, or a
// notebook's cells joined); the caller maps edits to documents.
import { CodeAction, CodeActionContext, CodeActionKind, Diagnostic, Range, WorkspaceEdit } from 'vscode-languageserver';
import { LintResult } from '../engine/lint';
import { Finding, TextEdit } from '../engine/types';
import { FIX_ALL_KIND, NOTEBOOK_FIX_ALL_KIND, SHOW_DOCUMENTATION_COMMAND } from './commands';
import { sameRange, SOURCE } from './convert';
import { fileSuppressionEdit, lineSuppressionEdit } from './suppress';

export interface CodeActionRequest {
  result: LintResult;
  context: CodeActionContext;
  /** The findings shown in the requested document, with their diagnostics' ranges. */
  shown: readonly { finding: Finding; range: Range }[];
  /** Program edits as a workspace edit; undefined when they cannot be expressed (an action is then left out). */
  workspaceEdit: (edits: TextEdit[]) => WorkspaceEdit | undefined;
  /**
   * Computes a fix-all edit; only called when the client asks for that kind. `notebook`: every
   * cell of the request's notebook; `document`: the requested document (a cell: only that cell).
   */
  fixAll: (scope: 'document' | 'notebook') => WorkspaceEdit | undefined;
  /** The request is for a notebook cell (the notebook-wide kind is offered too). */
  inNotebook?: boolean;
}

/** The client asked for this kind: `only` absent, or naming the kind or a parent of it. */
function wants(only: readonly string[] | undefined, kind: string, includeWhenUnfiltered: boolean): boolean {
  if (!only) return includeWhenUnfiltered;
  return only.some((k) => kind === k || kind.startsWith(`${k}.`));
}

export function codeActions(request: CodeActionRequest): CodeAction[] {
  const { context } = request;
  const out: CodeAction[] = [];
  if (wants(context.only, CodeActionKind.QuickFix, true)) {
    const seen = new Set<string>();
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== SOURCE) continue;
      // No match: the diagnostic is from an older text.
      const shown = request.shown.find((s) => s.finding.rule === diagnostic.code && sameRange(s.range, diagnostic.range));
      if (!shown) continue;
      for (const action of forDiagnostic(request, shown.finding, diagnostic)) {
        if (seen.has(action.title)) continue;
        seen.add(action.title);
        out.push(action);
      }
    }
  }
  if (wants(context.only, FIX_ALL_KIND, false)) {
    const edit = request.fixAll('document');
    const title = request.inNotebook ? 'Holdout: Fix all safe leakage problems in this cell' : 'Holdout: Fix all safe leakage problems';
    if (edit) out.push({ title, kind: FIX_ALL_KIND, edit });
  }
  if (request.inNotebook && wants(context.only, NOTEBOOK_FIX_ALL_KIND, false)) {
    const edit = request.fixAll('notebook');
    if (edit) out.push({ title: 'Holdout: Fix all safe leakage problems in the notebook', kind: NOTEBOOK_FIX_ALL_KIND, edit });
  }
  return out;
}

function forDiagnostic(request: CodeActionRequest, finding: Finding, diagnostic: Diagnostic): CodeAction[] {
  const { result } = request;
  const rule = finding.rule;
  const actions: CodeAction[] = [];
  const quickFix = (title: string, edits: TextEdit[], isPreferred?: boolean): void => {
    const edit = request.workspaceEdit(edits);
    if (edit) actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], ...(isPreferred !== undefined ? { isPreferred } : {}), edit });
  };
  const preferred = finding.fixes.find((f) => f.applicability === 'safe');
  for (const fix of finding.fixes) {
    quickFix(fix.applicability === 'unsafe' ? `${fix.title} (unsafe)` : fix.title, fix.edits, fix === preferred);
  }
  quickFix(`Disable ${rule} for this line`, [lineSuppressionEdit(result, finding, rule)]);
  quickFix(`Disable ${rule} for this file`, [fileSuppressionEdit(result, rule)]);
  const title = `Show documentation for ${rule}`;
  actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title, command: SHOW_DOCUMENTATION_COMMAND, arguments: [rule] } });
  return actions;
}
