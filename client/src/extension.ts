// The Holdout VS Code extension: starts the language server for Python files and notebooks,
// and contributes the Holdout commands. "Fix all" (holdout.fixAll) and the documentation
// command are server commands, registered by vscode-languageclient.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { openBackgroundNotebooks, repullUnloadedTabsOnRefresh } from './background-tabs';
import { GraphView } from './graph-view';
import { createClient } from './language-client';
import { reportNotebookTabs } from './notebook-tabs';

let client: LanguageClient | undefined;
/** What lives as long as the running client (the notebook tab reports, the background tabs). */
let clientSubscriptions: vscode.Disposable[] = [];

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Holdout');
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('holdout.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('holdout.restartServer', async () => {
      output.appendLine('Restarting the Holdout server…');
      await stopClient();
      await startClient(context, output);
    }),
  );
  context.subscriptions.push(new GraphView(context, () => client));
  await startClient(context, output);
}

export function deactivate(): Promise<void> {
  return stopClient();
}

async function startClient(context: vscode.ExtensionContext, output: vscode.OutputChannel): Promise<void> {
  const started = Date.now();
  client = createClient(context, output);
  try {
    // Awaited so the server's commands exist when activation (e.g. by a command) completes.
    await client.start();
    output.appendLine(`[Info  - ${new Date().toLocaleTimeString()}] The Holdout server is ready (${Date.now() - started} ms after the client started it).`);
    clientSubscriptions.push(reportNotebookTabs(client), repullUnloadedTabsOnRefresh(client), openBackgroundNotebooks(client));
  } catch (error) {
    output.appendLine(`The Holdout server failed to start: ${error instanceof Error ? error.message : String(error)}`);
    void vscode.window.showErrorMessage('Holdout: the language server failed to start. See "Holdout: Show output".');
  }
}

async function stopClient(): Promise<void> {
  const running = client;
  client = undefined;
  for (const subscription of clientSubscriptions.splice(0)) subscription.dispose();
  if (!running) return;
  try {
    await running.stop();
  } catch {
    // Stopping a client that never started throws; nothing is left to clean up.
  }
}
