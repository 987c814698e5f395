// Helpers for the in-extension-host tests. Waiting is always event-driven: we check the current
// state, then re-check on every vscode.languages.onDidChangeDiagnostics event. The timeout is
// only a safety net that turns a hang into a readable failure.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const SOURCE = 'holdout';

export function ruleOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  if (code === undefined) return undefined;
  if (typeof code === 'object') return String(code.value);
  return String(code);
}

export function holdoutDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function describeDiagnostics(diags: readonly vscode.Diagnostic[]): string {
  if (!diags.length) return '(none)';
  return diags.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${ruleOf(d)} [${d.source}] ${d.message.slice(0, 80)}`).join('\n  ');
}

export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diags: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const diags = holdoutDiagnostics(uri);
      if (predicate(diags)) {
        cleanup();
        resolve(diags);
        return true;
      }
      return false;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; Holdout diagnostics now:\n  ${describeDiagnostics(holdoutDiagnostics(uri))}`));
    }, timeoutMs);
    function cleanup(): void {
      clearTimeout(timer);
      sub.dispose();
    }
    check();
  });
}

/** Waits for the next change of the document's text (e.g. after a command that edits it). */
export function waitForDocumentChange(doc: vscode.TextDocument, predicate: (text: string) => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (predicate(doc.getText())) return resolve();
    const sub = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.uri.toString() === doc.uri.toString() && predicate(e.document.getText())) {
        clearTimeout(timer);
        sub.dispose();
        resolve();
      }
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
  });
}

export function findAt(diags: readonly vscode.Diagnostic[], rule: string, line1: number): vscode.Diagnostic | undefined {
  return diags.find((d) => ruleOf(d) === rule && d.range.start.line === line1 - 1);
}

export function expectAt(diags: readonly vscode.Diagnostic[], rule: string, line1: number): vscode.Diagnostic {
  const d = findAt(diags, rule, line1);
  assert.ok(d, `expected ${rule} at line ${line1}; got:\n  ${describeDiagnostics(diags)}`);
  return d;
}

export async function codeActionsFor(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider', uri, range, kind,
  );
  return (actions ?? []).filter((a): a is vscode.CodeAction => 'title' in a && !('command' in a && typeof a.command === 'string'));
}

export async function applyAction(action: vscode.CodeAction): Promise<void> {
  if (action.edit) {
    const ok = await vscode.workspace.applyEdit(action.edit);
    assert.ok(ok, `workspace.applyEdit failed for "${action.title}"`);
  }
  if (action.command) {
    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  }
}

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test window has no workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function openPython(name: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(name));
  await vscode.window.showTextDocument(doc, { preview: false });
  assert.equal(doc.languageId, 'python');
  return doc;
}
