// Command ids the server executes (workspace/executeCommand). vscode-languageclient registers
// them as VS Code commands, so the client contributes them without registering them itself.
export const FIX_ALL_COMMAND = 'holdout.fixAll';
export const SHOW_DOCUMENTATION_COMMAND = 'holdout.showDocumentation';
export const SERVER_COMMANDS = [FIX_ALL_COMMAND, SHOW_DOCUMENTATION_COMMAND];

/** The code action kind of "fix all" (editor.codeActionsOnSave: { "source.fixAll.holdout": … }). */
export const FIX_ALL_KIND = 'source.fixAll.holdout';

/**
 * The notebook-wide "fix all" (notebook.codeActionsOnSave: { "notebook.source.fixAll.holdout": … }):
 * VS Code asks for it once, on the first cell, and applies edits of any cell. `source.fixAll.holdout`
 * in a cell fixes that cell only (VS Code drops a per-cell save action that edits other cells).
 */
export const NOTEBOOK_FIX_ALL_KIND = 'notebook.source.fixAll.holdout';
