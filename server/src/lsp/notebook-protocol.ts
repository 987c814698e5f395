// The notification a client sends when the set of notebooks shown in its editor tabs changes,
// shared by server and client. VS Code keeps a notebook document open (no
// notebookDocument/didClose) after its last tab is closed; without this, its cells' problems
// would stay in the Problems panel. A client that never sends it gets every open notebook
// analysed (Neovim and others close notebooks themselves).
export const SHOWN_NOTEBOOKS_NOTIFICATION = 'holdout/shownNotebooks';

export interface ShownNotebooksParams {
  /** Every notebook URI that has an editor tab now (as the notebook sync sends them). */
  uris: string[];
}
