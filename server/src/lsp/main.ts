// The entry of dist/server.js (the bundled server the VS Code extension starts):
// `node dist/server.js lsp --node-ipc`, also `--stdio`.
import { startServer } from './start';

const args = process.argv.slice(2);
startServer(args[0] === 'lsp' ? args.slice(1) : args);
