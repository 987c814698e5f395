// Engine values (UTF-16 offsets, findings) to LSP values (UTF-16 line/character positions).
import { Diagnostic, DiagnosticSeverity, Range, TextEdit as LspTextEdit } from 'vscode-languageserver';
import { pathToFileURL } from 'node:url';
import { ruleDocUrl } from '../engine/rule-docs';
import { LineIndex } from '../engine/text';
import { Finding, Severity, Span, TextEdit } from '../engine/types';

export const SOURCE = 'holdout';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toRange(span: Span, lines: LineIndex): Range {
  return { start: lines.position(span.start), end: lines.position(span.end) };
}

export function toTextEdit(edit: TextEdit, lines: LineIndex): LspTextEdit {
  return { range: toRange(edit, lines), newText: edit.newText };
}

export function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/**
 * A diagnostic for a rule's finding, without related information. It links to the rule's page
 * only when the project configures where the docs are published (`docs-url`).
 */
export function baseDiagnostic(finding: { rule: string; severity: Severity; message: string }, range: Range, docsUrl?: string): Diagnostic {
  const href = ruleDocUrl(finding.rule, docsUrl);
  return {
    range,
    severity: SEVERITY[finding.severity],
    code: finding.rule,
    ...(href ? { codeDescription: { href } } : {}),
    source: SOURCE,
    message: finding.message,
  };
}

/**
 * One finding as a diagnostic. Without client support for relatedInformation the related
 * spans are appended to the message instead, so the "where" is not lost.
 */
export function toDiagnostic(finding: Finding, lines: LineIndex, uri: string, relatedInformation: boolean, docsUrl?: string): Diagnostic {
  const diagnostic = baseDiagnostic(finding, toRange(finding.span, lines), docsUrl);
  if (finding.related.length) {
    if (relatedInformation) {
      diagnostic.relatedInformation = finding.related.map((r) => ({
        location: r.file ? { uri: pathToFileURL(r.file.path).href, range: { start: r.file.start, end: r.file.end } } : { uri, range: toRange(r.span, lines) },
        message: r.message,
      }));
    } else {
      diagnostic.message += finding.related.map((r) => `\n  ${r.file ? `${r.file.display}:${r.file.human.line}` : `line ${lines.lineOf(r.span.start) + 1}`}: ${r.message}`).join('');
    }
  }
  return diagnostic;
}
