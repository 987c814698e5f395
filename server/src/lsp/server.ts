// The Holdout language server, independent of the transport (start.ts picks stdio or IPC):
// `HoldoutServer.initialize(connection, params)`, then `capabilities()` for the initialize
// result and `register(connection)` for the handlers (the shape bash-language-server uses).
//
// vscode-languageserver 9.0.1 pairs with vscode-languageclient 9.x, which supports VS Code
// >= 1.82; the 9.x line was chosen over 10.x for that wider range of VS Code versions.
import {
  CodeAction,
  CodeActionParams,
  Connection,
  Diagnostic,
  DidChangeConfigurationNotification,
  DidChangeConfigurationParams,
  DidChangeTextDocumentParams,
  DidChangeWatchedFilesNotification,
  DidChangeWatchedFilesParams,
  FileChangeType,
  DidCloseTextDocumentParams,
  DidOpenTextDocumentParams,
  DocumentDiagnosticParams,
  DocumentDiagnosticReport,
  DocumentDiagnosticReportKind,
  ExecuteCommandParams,
  Hover,
  HoverParams,
  InitializeParams,
  MarkupKind,
  NotebookDocument,
  Range,
  ServerCapabilities,
  TextDocumentEdit,
  TextDocumentSyncKind,
  TextEdit as LspTextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver';
import { lint, LintResult } from '../engine/lint';
import { ruleDocUrl } from '../engine/rule-docs';
import { Analyzer } from './analyzer';
import { codeActions } from './code-actions';
import { FIX_ALL_COMMAND, FIX_ALL_KIND, SERVER_COMMANDS, SHOW_DOCUMENTATION_COMMAND } from './commands';
import { toDiagnostic, toRange, toTextEdit } from './convert';
import { Debouncer } from './debounce';
import { OpenDocument } from './document';
import { fixAllEdit } from './fix-all';
import { HoverInfo, hoverInfo, plainText } from './hover';
import { NotebookAnalysis, Notebooks } from './notebooks';
import * as path from 'node:path';
import { DocumentConfig, fileOf, ProjectConfigs } from './project-config';
import { SettingsStore } from './settings';
import { WorkspaceModules } from './workspace-modules';

/** Quiet time after the last change before a document is analysed. */
const DEBOUNCE_MS = 75;
const CONFIG_FILES_GLOB = '**/{holdout.toml,pyproject.toml}';
/** The project's modules: a change on disk re-analyses the open files that import them. */
const MODULE_FILES_GLOB = '**/*.{py,ipynb}';
const CONFIG_FILE_NAMES = new Set(['holdout.toml', 'pyproject.toml']);

/** What the client can do, read once from the initialize request. */
interface ClientSupport {
  pullDiagnostics: boolean;
  diagnosticRefresh: boolean;
  relatedInformation: boolean;
  configuration: boolean;
  configurationChangeRegistration: boolean;
  watchedFilesRegistration: boolean;
  showDocument: boolean;
  documentChanges: boolean;
  markdownHover: boolean;
}

function clientSupport(params: InitializeParams): ClientSupport {
  const c = params.capabilities;
  return {
    pullDiagnostics: c.textDocument?.diagnostic !== undefined,
    diagnosticRefresh: c.workspace?.diagnostics?.refreshSupport === true,
    relatedInformation: c.textDocument?.publishDiagnostics?.relatedInformation === true || c.textDocument?.diagnostic !== undefined,
    configuration: c.workspace?.configuration === true,
    configurationChangeRegistration: c.workspace?.didChangeConfiguration?.dynamicRegistration === true,
    watchedFilesRegistration: c.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    showDocument: c.window?.showDocument?.support === true,
    documentChanges: c.workspace?.workspaceEdit?.documentChanges === true,
    markdownHover: c.textDocument?.hover?.contentFormat?.includes(MarkupKind.Markdown) ?? true,
  };
}

export class HoldoutServer {
  private readonly documents = new Map<string, OpenDocument>();
  private readonly notebookUris = new Set<string>();
  private readonly settings: SettingsStore;
  private readonly projects: ProjectConfigs;
  private readonly analyzer: Analyzer;
  private readonly debouncer: Debouncer;
  private readonly notebooks: Notebooks;
  private readonly modules = new WorkspaceModules();

  private constructor(
    private readonly connection: Connection,
    private readonly client: ClientSupport,
  ) {
    const log = (message: string): void => connection.console.error(message);
    this.settings = new SettingsStore(
      client.configuration ? (uri) => connection.workspace.getConfiguration({ scopeUri: uri, section: 'holdout' }) : undefined,
      log,
    );
    this.projects = new ProjectConfigs((message) => {
      log(message);
      connection.window.showWarningMessage(message);
    });
    this.analyzer = new Analyzer(connection.console);
    this.notebooks = new Notebooks(connection.console);
    // Keys are text document URIs and notebook URIs. With pull diagnostics the client asks for
    // text documents and the debouncer only delays the answer. Notebook cells are always pushed:
    // vscode-languageclient 9 never pulls diagnostics for cells (vscode-languageserver-node#1464).
    this.debouncer = new Debouncer(DEBOUNCE_MS, (uri) => {
      if (!this.client.pullDiagnostics || this.notebooks.sync.getNotebookDocument(uri)) this.background('publishDiagnostics', this.publish(uri));
    });
  }

  static initialize(connection: Connection, params: InitializeParams): HoldoutServer {
    return new HoldoutServer(connection, clientSupport(params));
  }

  capabilities(): ServerCapabilities {
    return {
      positionEncoding: 'utf-16',
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      // All cells (markdown too) so cell numbers in messages match the notebook's.
      notebookDocumentSync: { notebookSelector: [{ notebook: { notebookType: 'jupyter-notebook' } }] },
      codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL_KIND], resolveProvider: false },
      executeCommandProvider: { commands: SERVER_COMMANDS },
      hoverProvider: true,
      ...(this.client.pullDiagnostics
        ? { diagnosticProvider: { identifier: 'holdout', interFileDependencies: false, workspaceDiagnostics: false } }
        : {}),
    };
  }

  register(connection: Connection): void {
    connection.onInitialized(() => this.onInitialized());
    connection.onDidOpenTextDocument((params) => this.guard('didOpen', () => this.onDidOpen(params), undefined));
    connection.onDidChangeTextDocument((params) => this.guard('didChange', () => this.onDidChange(params), undefined));
    connection.onDidCloseTextDocument((params) => this.guard('didClose', () => this.onDidClose(params), undefined));
    connection.onDidChangeConfiguration((params) => this.guard('didChangeConfiguration', () => this.onDidChangeConfiguration(params), undefined));
    this.notebooks.listen(connection);
    this.notebooks.sync.onDidOpen((notebook) => {
      this.notebookUris.add(notebook.uri);
      this.debouncer.touch(notebook.uri, 0);
    });
    this.notebooks.sync.onDidChange((event) => this.debouncer.touch(event.notebookDocument.uri));
    this.notebooks.sync.onDidClose((notebook) => this.guard('notebookDidClose', () => this.onNotebookClosed(notebook), undefined));
    connection.onDidChangeWatchedFiles((params) => this.guard('didChangeWatchedFiles', () => this.onDidChangeWatchedFiles(params), undefined));
    connection.onCodeAction((params) => this.guardAsync('codeAction', () => this.onCodeAction(params), []));
    connection.onHover((params) => this.guardAsync('hover', () => this.onHover(params), null));
    connection.onExecuteCommand((params) => this.guardAsync('executeCommand', () => this.onExecuteCommand(params), null));
    if (this.client.pullDiagnostics) {
      connection.languages.diagnostics.on((params) =>
        this.guardAsync('diagnostic', () => this.onPullDiagnostics(params), { kind: DocumentDiagnosticReportKind.Full, items: [] }),
      );
    }
    connection.onShutdown(() => this.debouncer.dispose());
  }

  // ---- lifecycle and documents

  private onInitialized(): void {
    if (this.client.configurationChangeRegistration) {
      this.background('register', this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'holdout' }));
    }
    if (this.client.watchedFilesRegistration) {
      this.background(
        'register',
        this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: CONFIG_FILES_GLOB }, { globPattern: MODULE_FILES_GLOB }] }),
      );
    }
  }

  private onDidOpen({ textDocument: d }: DidOpenTextDocumentParams): void {
    const doc = new OpenDocument(d.uri, d.languageId, d.version, d.text);
    this.documents.set(d.uri, doc);
    this.analyzer.forget(d.uri);
    this.debouncer.touch(d.uri, 0);
    const file = d.languageId === 'python' ? fileOf(d.uri) : undefined;
    if (file) {
      this.modules.opened(file, () => doc.text);
      this.moduleChanged(file);
    }
  }

  private onDidChange({ textDocument, contentChanges }: DidChangeTextDocumentParams): void {
    const doc = this.documents.get(textDocument.uri);
    if (!doc) return;
    doc.update(contentChanges, textDocument.version);
    this.debouncer.touch(textDocument.uri);
    const file = doc.languageId === 'python' ? fileOf(doc.uri) : undefined;
    if (file) this.moduleChanged(file);
  }

  /**
   * A module's text changed (an edit, or on disk): the open documents that import it, directly
   * or through other modules, are analysed again without being touched.
   */
  private moduleChanged(file: string, createdOrDeleted = false): void {
    const importers = this.modules.changed(file, createdOrDeleted);
    if (importers.size === 0) return;
    let pullRefresh = false;
    for (const [uri, doc] of this.documents) {
      const docFile = fileOf(uri);
      if (!docFile || !importers.has(docFile) || doc.languageId !== 'python') continue;
      if (this.client.pullDiagnostics) pullRefresh = true;
      else this.debouncer.touch(uri);
    }
    for (const notebook of this.openNotebooks()) {
      const notebookFile = fileOf(notebook.uri);
      if (notebookFile && importers.has(notebookFile)) this.debouncer.touch(notebook.uri);
    }
    if (pullRefresh && this.client.diagnosticRefresh) this.connection.languages.diagnostics.refresh();
  }

  private onDidChangeWatchedFiles(params: DidChangeWatchedFilesParams): void {
    let configuration = false;
    for (const change of params.changes) {
      const file = fileOf(change.uri);
      if (!file || CONFIG_FILE_NAMES.has(path.basename(file))) configuration = true;
      // An open document's text is the editor's, whatever the disk says.
      else if (![...this.documents.keys()].some((uri) => fileOf(uri) === file)) this.moduleChanged(file, change.type !== FileChangeType.Changed);
    }
    if (configuration) this.configurationChanged();
  }

  private onDidClose({ textDocument }: DidCloseTextDocumentParams): void {
    const uri = textDocument.uri;
    this.debouncer.cancel(uri);
    const closed = this.documents.get(uri);
    this.documents.delete(uri);
    this.analyzer.forget(uri);
    const file = closed?.languageId === 'python' ? fileOf(uri) : undefined;
    if (file) {
      // Importers now read the file from disk again.
      this.modules.closed(file);
      this.moduleChanged(file);
    }
    this.settings.forget(uri);
    if (!this.client.pullDiagnostics) this.background('publishDiagnostics', this.connection.sendDiagnostics({ uri, diagnostics: [] }));
  }

  private onNotebookClosed(notebook: NotebookDocument): void {
    this.debouncer.cancel(notebook.uri);
    this.notebookUris.delete(notebook.uri);
    const cells = this.notebooks.closed(notebook.uri);
    for (const uri of cells) this.background('publishDiagnostics', this.connection.sendDiagnostics({ uri, diagnostics: [] }));
  }

  private onDidChangeConfiguration(params: DidChangeConfigurationParams): void {
    const pushed = params.settings && typeof params.settings === 'object' ? (params.settings as Record<string, unknown>).holdout : undefined;
    this.configurationChanged(this.client.configuration ? undefined : pushed);
  }

  /** Settings or config files changed: everything is analysed again. */
  private configurationChanged(pushedSettings?: unknown): void {
    this.settings.changed(pushedSettings);
    this.projects.invalidate();
    if (this.client.pullDiagnostics) {
      if (this.client.diagnosticRefresh) this.connection.languages.diagnostics.refresh();
    } else {
      for (const uri of this.documents.keys()) this.debouncer.touch(uri, 0);
    }
    for (const notebook of this.openNotebooks()) this.debouncer.touch(notebook.uri, 0);
  }

  // ---- analysis

  private openNotebooks(): NotebookDocument[] {
    return [...this.notebookUris].flatMap((uri) => this.notebooks.sync.getNotebookDocument(uri) ?? []);
  }

  private async documentConfig(uri: string): Promise<DocumentConfig & { enabled: boolean }> {
    const settings = await this.settings.for(uri);
    const resolved = this.projects.resolve(uri, settings);
    const file = fileOf(uri);
    const project = file ? this.modules.contextFor(file, resolved.config.src) : undefined;
    return { ...resolved, ...project, moduleStamp: this.modules.stamp, enabled: settings.enable };
  }

  /** The current analysis of a text document, or undefined when it is not linted (or failed). */
  private async analysis(doc: OpenDocument): Promise<{ result: LintResult; config: DocumentConfig } | undefined> {
    if (doc.languageId !== 'python') return undefined;
    // If the configuration changes while it is read, this result is cached under the old
    // generation and the run configurationChanged() schedules replaces it.
    const generation = this.settings.generation;
    const config = await this.documentConfig(doc.uri);
    // Closed (or reopened) while the settings were read: analysing it now would cache a result
    // for a document nobody will forget again (a leak per quickly opened-and-closed document).
    if (this.documents.get(doc.uri) !== doc) return undefined;
    if (!config.enabled || config.excluded) return undefined;
    const result = this.analyzer.analyze(doc, generation, config);
    return result && { result, config };
  }

  private async notebookAnalysis(notebook: NotebookDocument): Promise<NotebookAnalysis | undefined> {
    const generation = this.settings.generation;
    const config = await this.documentConfig(notebook.uri);
    if (!config.enabled || config.excluded) return undefined;
    return this.notebooks.analyze(notebook, generation, config);
  }

  /** What a URI names: an open text document, or a cell of an open notebook. */
  private target(uri: string): { doc: OpenDocument } | { notebook: NotebookDocument; cellUri: string } | undefined {
    const doc = this.documents.get(uri);
    if (doc) return { doc };
    const notebook = this.notebooks.notebookOfCell(uri);
    return notebook && { notebook, cellUri: uri };
  }

  private async diagnostics(doc: OpenDocument): Promise<Diagnostic[]> {
    const analysis = await this.analysis(doc);
    if (!analysis) return [];
    return analysis.result.findings.map((f) => toDiagnostic(f, analysis.result.lines, doc.uri, this.client.relatedInformation));
  }

  /** Publishes a text document's diagnostics, or those of every cell of a notebook. */
  private async publish(uri: string): Promise<void> {
    const doc = this.documents.get(uri);
    if (doc) return this.publishDocument(doc);
    const notebook = this.notebooks.sync.getNotebookDocument(uri);
    if (notebook) return this.publishNotebook(notebook);
  }

  private async publishDocument(doc: OpenDocument): Promise<void> {
    const version = doc.version;
    let diagnostics: Diagnostic[] = [];
    try {
      diagnostics = await this.diagnostics(doc);
    } catch (error) {
      this.logError('publishDiagnostics', error);
    }
    // A newer text arrived meanwhile: its own (debounced) run publishes.
    if (this.documents.get(doc.uri) !== doc || doc.version !== version) return;
    await this.connection.sendDiagnostics({ uri: doc.uri, version, diagnostics });
  }

  private async publishNotebook(notebook: NotebookDocument): Promise<void> {
    let byCell = new Map<string, Diagnostic[]>();
    try {
      byCell = this.notebooks.diagnostics(notebook, await this.notebookAnalysis(notebook), this.client.relatedInformation);
    } catch (error) {
      this.logError('publishDiagnostics', error);
    }
    if (this.notebooks.sync.getNotebookDocument(notebook.uri) !== notebook) return;
    for (const uri of this.notebooks.publishTargets(notebook)) await this.connection.sendDiagnostics({ uri, diagnostics: byCell.get(uri) ?? [] });
  }

  private async onPullDiagnostics(params: DocumentDiagnosticParams): Promise<DocumentDiagnosticReport> {
    const uri = params.textDocument.uri;
    const target = this.target(uri);
    if (!target) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    // Cells get pushed diagnostics (see the constructor); answering a pull too would show them twice.
    if ('notebook' in target) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    await this.debouncer.idle(uri);
    const doc = this.documents.get(uri);
    if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const resultId = `${doc.version}:${this.settings.generation}`;
    if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    const items = await this.diagnostics(doc);
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
  }

  // ---- features

  private workspaceEdit(doc: OpenDocument, edits: LspTextEdit[]): WorkspaceEdit {
    if (this.client.documentChanges) return { documentChanges: [TextDocumentEdit.create({ uri: doc.uri, version: doc.version }, edits)] };
    return { changes: { [doc.uri]: edits } };
  }

  private documentFixAll(doc: OpenDocument, result: LintResult, config: DocumentConfig): WorkspaceEdit | undefined {
    const edit = fixAllEdit(doc.text, (text) => lint({ text, config: config.config, extraIgnores: config.extraIgnores, modules: config.modules, library: config.library }).findings);
    return edit && this.workspaceEdit(doc, [toTextEdit(edit, result.lines)]);
  }

  private async onCodeAction(params: CodeActionParams): Promise<CodeAction[]> {
    const target = this.target(params.textDocument.uri);
    if (!target) return [];
    if ('notebook' in target) {
      const analysis = await this.notebookAnalysis(target.notebook);
      if (!analysis) return [];
      return codeActions({
        result: analysis.lint.result,
        context: params.context,
        shown: this.notebooks.shownIn(analysis, this.notebooks.cellNumber(analysis, target.cellUri)),
        workspaceEdit: (edits) => this.notebooks.workspaceEdit(analysis, edits),
        fixAll: () => this.notebooks.fixAll(analysis),
      });
    }
    const { doc } = target;
    const analysis = await this.analysis(doc);
    if (!analysis) return [];
    const { result, config } = analysis;
    return codeActions({
      result,
      context: params.context,
      shown: result.findings.map((finding) => ({ finding, range: toRange(finding.span, result.lines) })),
      workspaceEdit: (edits) => this.workspaceEdit(doc, edits.map((e) => toTextEdit(e, result.lines))),
      fixAll: () => this.documentFixAll(doc, result, config),
    });
  }

  private async onHover(params: HoverParams): Promise<Hover | null> {
    const target = this.target(params.textDocument.uri);
    if (!target) return null;
    let found: { info: HoverInfo; range: Range } | undefined;
    if ('notebook' in target) {
      const analysis = await this.notebookAnalysis(target.notebook);
      found = analysis && this.notebooks.hover(analysis, this.notebooks.cellNumber(analysis, target.cellUri), params.position);
    } else {
      const result = (await this.analysis(target.doc))?.result;
      const info = result && hoverInfo(result, result.findings, result.lines.offsetAt(params.position), (o) => result.lines.lineOf(o) + 1);
      found = result && info && { info, range: toRange(info.span, result.lines) };
    }
    if (!found) return null;
    const markdown = this.client.markdownHover;
    return { contents: { kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value: markdown ? found.info.text : plainText(found.info.text) }, range: found.range };
  }

  private async onExecuteCommand(params: ExecuteCommandParams): Promise<unknown> {
    const args = params.arguments ?? [];
    switch (params.command) {
      case FIX_ALL_COMMAND:
        return this.fixAll(typeof args[0] === 'string' ? args[0] : undefined);
      case SHOW_DOCUMENTATION_COMMAND:
        return this.showDocumentation(typeof args[0] === 'string' ? args[0] : '');
      default:
        return null;
    }
  }

  /** Applies every safe fix to a document (or a cell's notebook). */
  private async fixAll(uri: string | undefined): Promise<{ applied: boolean }> {
    const target = uri === undefined ? undefined : this.target(uri);
    let edit: WorkspaceEdit | undefined;
    if (!target) return { applied: false };
    if ('notebook' in target) {
      const analysis = await this.notebookAnalysis(target.notebook);
      edit = analysis && this.notebooks.fixAll(analysis);
    } else {
      const analysis = await this.analysis(target.doc);
      edit = analysis && this.documentFixAll(target.doc, analysis.result, analysis.config);
    }
    if (!edit) return { applied: false };
    const response = await this.connection.workspace.applyEdit({ label: 'Holdout: fix all', edit });
    return { applied: response.applied };
  }

  private async showDocumentation(rule: string): Promise<null> {
    const url = ruleDocUrl(rule);
    if (this.client.showDocument) await this.connection.window.showDocument({ uri: url, external: true });
    else this.connection.window.showInformationMessage(`Documentation for ${rule}: ${url}`);
    return null;
  }

  // ---- never crash

  private logError(what: string, error: unknown): void {
    this.connection.console.error(`Holdout: ${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }

  /** Work nobody awaits: a failure is logged, never an unhandled rejection (which ends Node). */
  private background(what: string, work: Promise<unknown>): void {
    work.catch((error: unknown) => this.logError(what, error));
  }

  private guard<T>(what: string, run: () => T, fallback: T): T {
    try {
      return run();
    } catch (error) {
      this.logError(what, error);
      return fallback;
    }
  }

  private async guardAsync<T>(what: string, run: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await run();
    } catch (error) {
      this.logError(what, error);
      return fallback;
    }
  }
}
