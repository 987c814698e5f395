// Tells the server which notebooks have an editor tab (holdout/shownNotebooks). VS Code keeps a
// notebook document open after its last tab is closed, so vscode-languageclient sends no
// notebookDocument/didClose and the cells' problems would stay; the server clears them when a
// notebook leaves this list and analyses it again when it comes back.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { SHOWN_NOTEBOOKS_NOTIFICATION, ShownNotebooksParams } from '../../server/src/lsp/notebook-protocol';

function shownNotebookUris(client: LanguageClient): string[] {
  const uris = new Set<string>();
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      if (tab.input instanceof vscode.TabInputNotebook) uris.add(client.code2ProtocolConverter.asUri(tab.input.uri));
    }
  }
  return [...uris].sort();
}

/** Sends the list now and whenever it changes; dispose to stop. */
export function reportNotebookTabs(client: LanguageClient): vscode.Disposable {
  let last: string | undefined;
  const send = (): void => {
    const uris = shownNotebookUris(client);
    const key = uris.join('\n');
    if (key === last) return;
    last = key;
    const params: ShownNotebooksParams = { uris };
    client.sendNotification(SHOWN_NOTEBOOKS_NOTIFICATION, params).catch((error: unknown) => {
      last = undefined;
      client.warn(`Holdout: could not send the shown notebooks: ${error instanceof Error ? error.message : String(error)}`);
    });
  };
  send();
  return vscode.window.tabGroups.onDidChangeTabs(send);
}
