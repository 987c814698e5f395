// The language client: starts dist/server.js (the bundled Holdout server) over Node IPC.
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { isPythonFile } from './background-tabs';
import { FIX_ALL_COMMAND, SHOW_DOCUMENTATION_COMMAND } from '../../server/src/lsp/commands';

export const CLIENT_ID = 'holdout';

export function createClient(context: vscode.ExtensionContext, output: vscode.OutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  // TransportKind.ipc appends `--node-ipc`: the server runs `lsp --node-ipc`.
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, args: ['lsp'] },
    debug: { module, transport: TransportKind.ipc, args: ['lsp'], options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'python' },
      { scheme: 'untitled', language: 'python' },
      // Notebook cells: hover and code actions. Jupyter notebooks are synchronised whole
      // (notebookDocument/*), so the server analyses their cells together.
      { notebook: '*', language: 'python' },
      // Markdown cells of Jupyter notebooks too: VS Code asks for notebook.codeActionsOnSave's
      // notebook-wide actions (notebook.source.fixAll.holdout) on the first cell, often markdown.
      { notebook: { notebookType: 'jupyter-notebook' }, language: 'markdown' },
    ],
    outputChannel: output,
    // After a window reload VS Code loads only the active tab's text: pull the other tabs too
    // (the server reads those files from disk), so their problems show without a click; they are
    // pulled again on each refresh (background-tabs.ts). The defaults stay: pull on change, not on save.
    diagnosticPullOptions: {
      onChange: true,
      onSave: false,
      onTabs: true,
      match: (_selector, resource) => isPythonFile(resource),
    },
    // This client opens the rule docs it ships (holdout.showDocumentation below), so the server's
    // hovers link to that command instead of a web address; the hover may run only that command.
    initializationOptions: { documentationCommand: true },
    markdown: { isTrusted: { enabledCommands: [SHOW_DOCUMENTATION_COMMAND] } },
    // The server reads holdout.* through workspace/configuration, and registers the watcher
    // for holdout.toml / pyproject.toml itself.
    middleware: {
      // vscode-languageclient 9 shows a cancelled pull (the next keystroke cancels the open one)
      // as an empty list. The server answers pulls at once from its last result, so this is the
      // second line of defence: a cancelled pull keeps what is shown (and is pulled again).
      provideDiagnostics: async (document, previousResultId, token, next) => {
        const report = await next(document, previousResultId, token);
        if (token.isCancellationRequested) throw new vscode.CancellationError();
        return report;
      },
      // The palette's "Fix all" has no arguments: fix the active notebook, or the active editor's
      // Python document. The server says what it did (window/showMessage).
      executeCommand: (command, args, next) => {
        if (command === SHOW_DOCUMENTATION_COMMAND) return showRuleDocumentation(context, args[0]);
        if (command !== FIX_ALL_COMMAND || args.length > 0) return next(command, args);
        const target = fixAllTarget();
        if (!target) {
          void vscode.window.showInformationMessage('Holdout: open a Python file or a notebook to fix its leakage problems.');
          return undefined;
        }
        return next(command, [target.toString()]);
      },
    },
  };
  return new HoldoutLanguageClient(CLIENT_ID, 'Holdout', serverOptions, clientOptions);
}

/**
 * vscode-languageclient 9 logs every exit of the server process as an error, "Server process
 * exited with code 0." too. The server exits with 0 only after a shutdown request (a stop, a
 * restart, a reload): that is logged as information; other codes and signals stay errors.
 */
class HoldoutLanguageClient extends LanguageClient {
  override error(message: string, data?: unknown, showNotification?: boolean | 'force'): void {
    if (/^Server process exited with code 0\.?$/.test(message)) {
      this.info('The Holdout server stopped.', undefined, false);
      return;
    }
    super.error(message, data, showNotification);
  }
}

/** What the palette's "Fix all" fixes: the focused Python file, else the active Jupyter notebook. */
function fixAllTarget(): vscode.Uri | undefined {
  const document = vscode.window.activeTextEditor?.document;
  if (document && document.languageId === 'python' && document.uri.scheme !== 'vscode-notebook-cell') return document.uri;
  const notebook = vscode.window.activeNotebookEditor?.notebook;
  if (notebook?.notebookType === 'jupyter-notebook') return notebook.uri;
  return document?.languageId === 'python' ? document.uri : undefined;
}

/**
 * Opens a rule's page from the docs the extension ships (docs/rules/<id>.md) in VS Code's
 * Markdown preview: no website, no "open external website?" prompt.
 */
async function showRuleDocumentation(context: vscode.ExtensionContext, rule: unknown): Promise<void> {
  // From the palette (no argument): pick one of the shipped pages.
  if (rule === undefined) rule = await pickRule(context);
  if (typeof rule !== 'string' || !/^[a-z0-9-]+$/.test(rule)) return;
  const page = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', `${rule}.md`);
  try {
    await vscode.workspace.fs.stat(page);
  } catch {
    void vscode.window.showWarningMessage(`Holdout: no documentation for ${rule} in this installation.`);
    return;
  }
  await vscode.commands.executeCommand('markdown.showPreview', page);
}

async function pickRule(context: vscode.ExtensionContext): Promise<string | undefined> {
  const folder = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules');
  const pages = (await vscode.workspace.fs.readDirectory(folder).then(undefined, () => [] as [string, vscode.FileType][]))
    .map(([name]) => name)
    .filter((name) => name.endsWith('.md') && name !== 'README.md')
    .map((name) => name.slice(0, -'.md'.length))
    .sort();
  return vscode.window.showQuickPick(pages, { title: 'Holdout: rule documentation', placeHolder: 'Rule' });
}
