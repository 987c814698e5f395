// `holdout lsp --stdio | --node-ipc`: creates the connection for the transport and serves.
import { createConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-languageserver/node';
import { VERSION } from '../engine/version';
import { fullCollection, IdleCollection } from './idle-collection';
import { InputActivity } from './scheduler';
import { HoldoutServer } from './server';

const USAGE = 'Usage: holdout lsp --stdio | --node-ipc';

export function startServer(args: string[]): void {
  const ipc = args.includes('--node-ipc');
  const stdio = args.includes('--stdio');
  if (ipc === stdio || (ipc && !process.send)) {
    process.stderr.write(`holdout: ${ipc && !process.send ? '--node-ipc needs a parent Node.js process with an IPC channel' : USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const idle = new IdleCollection(fullCollection());
  const input = new InputActivity(() => idle.activity());
  const options = { messageStrategy: input.strategy };
  const connection = ipc
    ? createConnection(new IPCMessageReader(process), new IPCMessageWriter(process), options)
    : // The streams themselves, not readers around them: only then does the library exit the
      // process when stdin ends (a vanished client), with 0 after shutdown and 1 otherwise.
      createConnection(process.stdin, process.stdout, options);
  // Last resort: a bug must cost one answer, not the editor's diagnostics for the session.
  process.on('uncaughtException', (error) => connection.console.error(`Holdout: internal error: ${error.stack ?? error.message}`));
  process.on('unhandledRejection', (reason) => connection.console.error(`Holdout: internal error: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));
  connection.onInitialize((params) => {
    const server = HoldoutServer.initialize(connection, params, input, VERSION);
    server.register(connection);
    return { capabilities: server.capabilities(), serverInfo: { name: 'holdout', version: VERSION } };
  });
  connection.listen();
}

