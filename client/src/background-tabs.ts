// Tabs whose text VS Code has not loaded: after a window reload it loads only the active tab's.
// vscode-languageclient 9 pulls such Python tabs once by URI (diagnosticPullOptions.onTabs), but
// answers workspace/diagnostic/refresh by pulling only loaded documents (workspace.textDocuments),
// so after a configuration change those tabs would keep problems found under the old one. This
// pulls them again on every refresh. Notebooks have no pull: a restored notebook tab's notebook
// is loaded instead (openBackgroundNotebooks), so it is synchronised and its cells get problems.
import * as vscode from 'vscode';
import { DocumentDiagnosticRequest, LanguageClient } from 'vscode-languageclient/node';

/** The Python files Holdout analyses from disk when their tab is not loaded. */
export function isPythonFile(resource: vscode.Uri): boolean {
  return resource.scheme === 'file' && /\.pyw?$/.test(resource.path);
}

/**
 * The parts of vscode-languageclient 9.0.1's diagnostic provider used here (the version is pinned
 * by the lockfile). Only onDidChangeDiagnosticsEmitter is public API; the feature's providers and
 * the requestor's pull by URI (what onTabs itself uses) are not, hence the checks.
 */
interface PullProvider {
  onDidChangeDiagnosticsEmitter?: vscode.EventEmitter<void>;
  diagnosticRequestor?: { pull?(resource: vscode.Uri): void };
}

function pullProviders(client: LanguageClient): PullProvider[] {
  const feature = client.getFeature(DocumentDiagnosticRequest.method) as unknown as { getAllProviders?(): Iterable<PullProvider> } | undefined;
  return [...(feature?.getAllProviders?.() ?? [])];
}

/** Python files with a text tab whose document is not loaded. */
function unloadedPythonTabs(): vscode.Uri[] {
  const loaded = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
  const out = new Map<string, vscode.Uri>();
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      const uri = tab.input instanceof vscode.TabInputText ? tab.input.uri : undefined;
      if (uri && isPythonFile(uri) && !loaded.has(uri.toString())) out.set(uri.toString(), uri);
    }
  }
  return [...out.values()];
}

/** On every diagnostic refresh, pulls the tabs that are not loaded too; dispose to stop. */
export function repullUnloadedTabsOnRefresh(client: LanguageClient): vscode.Disposable {
  const subscriptions: vscode.Disposable[] = [];
  for (const provider of pullProviders(client)) {
    const pull = provider.diagnosticRequestor?.pull?.bind(provider.diagnosticRequestor);
    const emitter = provider.onDidChangeDiagnosticsEmitter;
    if (!pull || !emitter) continue;
    // The library's own listener (loaded documents) was added first and runs first.
    subscriptions.push(emitter.event(() => unloadedPythonTabs().forEach((uri) => pull(uri))));
  }
  if (subscriptions.length === 0) client.warn('Holdout: background tabs are not pulled again on refresh (vscode-languageclient changed).');
  return vscode.Disposable.from(...subscriptions);
}

/**
 * Loads the notebooks of tabs VS Code has not loaded (background tabs restored by a reload), now
 * and when tabs change: vscode-languageclient then synchronises them and Holdout shows their
 * cells' problems without a click. A notebook that cannot be opened is left alone.
 */
export function openBackgroundNotebooks(client: LanguageClient): vscode.Disposable {
  const tried = new Set<string>();
  const open = (): void => {
    const loaded = new Set(vscode.workspace.notebookDocuments.map((n) => n.uri.toString()));
    for (const group of vscode.window.tabGroups.all) {
      for (const tab of group.tabs) {
        if (!(tab.input instanceof vscode.TabInputNotebook) || tab.input.notebookType !== 'jupyter-notebook') continue;
        const uri = tab.input.uri;
        if (loaded.has(uri.toString()) || tried.has(uri.toString())) continue;
        tried.add(uri.toString());
        vscode.workspace.openNotebookDocument(uri).then(undefined, (error: unknown) => {
          client.info(`Holdout: could not load the notebook of a background tab ${uri.toString()}: ${error instanceof Error ? error.message : String(error)}`);
        });
      }
    }
  };
  open();
  return vscode.window.tabGroups.onDidChangeTabs(open);
}
