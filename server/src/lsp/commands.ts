// Command ids the server executes (workspace/executeCommand). vscode-languageclient registers
// them as VS Code commands, so the client contributes them without registering them itself.
export const FIX_ALL_COMMAND = 'holdout.fixAll';
export const SHOW_DOCUMENTATION_COMMAND = 'holdout.showDocumentation';
export const SERVER_COMMANDS = [FIX_ALL_COMMAND, SHOW_DOCUMENTATION_COMMAND];

/** The code action kind of "fix all" (editor.codeActionsOnSave: { "source.fixAll.holdout": … }). */
export const FIX_ALL_KIND = 'source.fixAll.holdout';
