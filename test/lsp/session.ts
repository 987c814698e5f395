// Drives the real `holdout lsp --stdio` binary over JSON-RPC, the way an editor does.
// Every wait has a timeout; dispose() always kills the child.
import { ChildProcess, spawn } from 'node:child_process';
import { createMessageConnection, MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import {
  ApplyWorkspaceEditParams,
  ClientCapabilities,
  ConfigurationParams,
  DidChangeConfigurationNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  InitializeResult,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  ShowDocumentParams,
  ShutdownRequest,
} from 'vscode-languageserver-protocol';
import * as path from 'node:path';
import { HOLDOUT_BIN, REPO_ROOT } from '../helpers/paths';

export const DEFAULT_TIMEOUT_MS = 15_000;

/** The capabilities of a VS Code-like client that gets diagnostics pushed. */
export const PUSH_CLIENT: ClientCapabilities = {
  workspace: { configuration: true, workspaceEdit: { documentChanges: true }, applyEdit: true, didChangeConfiguration: { dynamicRegistration: false } },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } }, isPreferredSupport: true },
  },
  window: { showDocument: { support: true } },
};

/** The same client, also able to pull diagnostics and to be asked to refresh them. */
export const PULL_CLIENT: ClientCapabilities = {
  ...PUSH_CLIENT,
  workspace: { ...PUSH_CLIENT.workspace, diagnostics: { refreshSupport: true } },
  textDocument: { ...PUSH_CLIENT.textDocument, diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } },
};

export class LspSession {
  readonly diagnostics: PublishDiagnosticsParams[] = [];
  readonly appliedEdits: ApplyWorkspaceEditParams[] = [];
  readonly shownDocuments: ShowDocumentParams[] = [];
  readonly serverRequests: string[] = [];
  /** window/logMessage texts. */
  readonly logs: string[] = [];
  /** window/showMessage texts. */
  readonly messages: string[] = [];
  /** What workspace/configuration answers for the `holdout` section. */
  settings: Record<string, unknown> = {};
  stderr = '';
  initializeResult!: InitializeResult;
  private readonly listeners = new Set<() => void>();

  private constructor(
    readonly child: ChildProcess,
    readonly connection: MessageConnection,
  ) {}

  static async start(capabilities: ClientCapabilities = PUSH_CLIENT, initializationOptions?: unknown): Promise<LspSession> {
    // HOLDOUT_LSP_SERVER=dist/server.js runs the same tests against the bundled server.
    const server = process.env.HOLDOUT_LSP_SERVER ? path.resolve(REPO_ROOT, process.env.HOLDOUT_LSP_SERVER) : HOLDOUT_BIN;
    const child = spawn(process.execPath, [server, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const session = new LspSession(child, connection);
    child.stderr!.on('data', (chunk: Buffer) => (session.stderr += chunk.toString()));
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      session.diagnostics.push(params);
      session.notify();
    });
    connection.onRequest('workspace/configuration', (params: ConfigurationParams) => {
      session.serverRequests.push('workspace/configuration');
      const answer = params.items.map((item) => (item.section === 'holdout' ? session.settings : null));
      session.notify();
      return answer;
    });
    connection.onRequest('workspace/applyEdit', (params: ApplyWorkspaceEditParams) => {
      session.appliedEdits.push(params);
      session.notify();
      return { applied: true };
    });
    connection.onRequest('window/showDocument', (params: ShowDocumentParams) => {
      session.shownDocuments.push(params);
      session.notify();
      return { success: true };
    });
    connection.onRequest('workspace/diagnostic/refresh', () => {
      session.serverRequests.push('workspace/diagnostic/refresh');
      session.notify();
      return null;
    });
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/showMessageRequest', (params: { message: string }) => {
      session.serverRequests.push('window/showMessageRequest');
      session.messages.push(params.message);
      session.notify();
      return null;
    });
    connection.onNotification('window/logMessage', (params: { message: string }) => {
      session.logs.push(params.message);
      session.notify();
    });
    connection.onNotification('window/showMessage', (params: { message: string }) => {
      session.messages.push(params.message);
      session.notify();
    });
    connection.listen();
    try {
      session.initializeResult = await withTimeout(
        connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities, workspaceFolders: null, initializationOptions }),
        'initialize',
      );
      await connection.sendNotification(InitializedNotification.type, {});
    } catch (error) {
      await session.dispose();
      throw error;
    }
    return session;
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /** Resolves with the first non-undefined value of `probe`, re-checked on every message. */
  waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const value = probe();
        if (value === undefined) return false;
        cleanup();
        resolve(value);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; server stderr:\n${this.stderr}`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.listeners.delete(listener);
      };
      const listener = (): void => void check();
      this.listeners.add(listener);
      check();
    });
  }

  /** The next diagnostics for `uri` (published after the `after`-th notification) that satisfy `accept`. */
  nextDiagnostics(uri: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true, after = this.diagnostics.length): Promise<PublishDiagnosticsParams> {
    return this.waitFor(`diagnostics for ${uri}`, () => this.diagnostics.slice(after).find((p) => p.uri === uri && accept(p)));
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'python', version, text } });
  }

  changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    return this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return withTimeout(this.connection.sendRequest(method, params) as Promise<R>, method);
  }

  async dispose(): Promise<void> {
    try {
      if (this.child.exitCode === null) {
        await withTimeout(this.connection.sendRequest(ShutdownRequest.type), 'shutdown', 3000);
        await this.connection.sendNotification(ExitNotification.type);
      }
    } catch {
      // The child is killed below anyway.
    } finally {
      this.connection.dispose();
      if (this.child.exitCode === null) this.child.kill('SIGKILL');
    }
  }
}

export function withTimeout<T>(promise: Promise<T>, what: string, ms = DEFAULT_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    }),
  ]);
}

/** Runs a test body against a fresh server, killing it afterwards whatever happens. */
export async function withSession(capabilities: ClientCapabilities, body: (s: LspSession) => Promise<void>, initializationOptions?: unknown): Promise<void> {
  const session = await LspSession.start(capabilities, initializationOptions);
  try {
    await body(session);
  } finally {
    await session.dispose();
  }
}
