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
  MessageType,
  NotebookDocument,
  Range,
  ServerCapabilities,
  ShowMessageNotification,
  TextDocumentEdit,
  TextDocumentSyncKind,
  TextEdit as LspTextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver';
import { FixRun } from '../engine/fixes';
import { lint, LintResult } from '../engine/lint';
import { renderRuleDoc, ruleDocUrl } from '../engine/rule-docs';
import { ruleById } from '../../../rules';
import { Analyzer, skipReason } from './analyzer';
import { codeActions } from './code-actions';
import { FIX_ALL_COMMAND, FIX_ALL_KIND, NOTEBOOK_FIX_ALL_KIND, SERVER_COMMANDS, SHOW_DOCUMENTATION_COMMAND } from './commands';
import { SOURCE, toDiagnostic, toRange, toTextEdit } from './convert';
import { OpenDocument } from './document';
import { fixAllEdit, fixAllSummary } from './fix-all';
import { notebookGraph, scriptGraph } from './experiment-graph';
import { EXPERIMENT_GRAPH_REQUEST, ExperimentGraphParams, ExperimentGraphResult } from './experiment-graph-protocol';
import { DocLink, HoverInfo, hoverInfo, plainText } from './hover';
import { NotebookAnalysis, Notebooks } from './notebooks';
import { SHOWN_NOTEBOOKS_NOTIFICATION, ShownNotebooksParams } from './notebook-protocol';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DocumentConfig, fileOf, ProjectConfigs } from './project-config';
import { DiskAnswers, PulledResults } from './pulled-results';
import { AnalysisScheduler, InputActivity } from './scheduler';
import { SettingsStore } from './settings';
import { WorkspaceModules } from './workspace-modules';

/**
 * How long an analysis waits for the pull that follows a change. It comes within a millisecond
 * or two; only a document the client does not pull (not visible) waits this long.
 */
const PULL_GRACE_MS = 100;
const CONFIG_FILES_GLOB = '**/{holdout.toml,pyproject.toml}';
/** The project's modules: a change on disk re-analyses the open files that import them. */
const MODULE_FILES_GLOB = '**/*.{py,ipynb}';
const CONFIG_FILE_NAMES = new Set(['holdout.toml', 'pyproject.toml']);
/**
 * How long after a result the import indexes its analysis did without are built: the answer and
 * the client's drawing go first (a change before that builds them at once).
 */
const DEFERRED_INDEX_DELAY_MS = 200;

/** What the client can do, read once from the initialize request. */
interface ClientSupport {
  pullDiagnostics: boolean;
  diagnosticRefresh: boolean;
  relatedInformation: boolean;
  configuration: boolean;
  configurationChangeRegistration: boolean;
  watchedFilesRegistration: boolean;
  documentChanges: boolean;
  markdownHover: boolean;
  /**
   * The client runs holdout.showDocumentation itself (the VS Code extension opens the docs it
   * ships) and follows `command:` links in hovers: initializationOptions.documentationCommand.
   */
  documentationCommand: boolean;
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
    documentChanges: c.workspace?.workspaceEdit?.documentChanges === true,
    markdownHover: c.textDocument?.hover?.contentFormat?.includes(MarkupKind.Markdown) ?? true,
    documentationCommand: (params.initializationOptions as { documentationCommand?: unknown } | undefined)?.documentationCommand === true,
  };
}

export class HoldoutServer {
  private readonly documents = new Map<string, OpenDocument>();
  private readonly notebookUris = new Set<string>();
  private readonly settings: SettingsStore;
  private readonly projects: ProjectConfigs;
  private readonly analyzer: Analyzer;
  private readonly scheduler: AnalysisScheduler;
  private readonly pulled = new PulledResults();
  /** Per text document: the version its last pull request arrived at, and who waits for the next one. */
  private readonly pulls = new Map<string, { version: number; waiter?: () => void }>();
  private readonly notebooks: Notebooks;
  private refreshQueued = false;
  /** Files answered from disk before they were opened (background tabs): see pullFromDisk. */
  private readonly answeredFromDisk = new DiskAnswers();
  private readonly modules = new WorkspaceModules();
  private deferredIndexTimer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly connection: Connection,
    private readonly client: ClientSupport,
    private readonly input: InputActivity,
    private readonly clientInfo: InitializeParams['clientInfo'],
    private readonly version: string,
  ) {
    const log = (message: string): void => connection.console.error(message);
    this.settings = new SettingsStore(
      client.configuration ? (uri) => connection.workspace.getConfiguration({ scopeUri: uri, section: 'holdout' }) : undefined,
      log,
    );
    this.projects = new ProjectConfigs(
      (message) => {
        log(message);
        // A notification (window/showMessage), not a request: nothing to answer, so nothing
        // can fail in a client that shows requests differently (Neovim).
        this.background('showMessage', connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message }));
      },
      (message) => connection.console.info(message),
    );
    this.analyzer = new Analyzer(connection.console);
    this.notebooks = new Notebooks(connection.console);
    // Keys are text document URIs and notebook URIs. With pull diagnostics a text document's
    // result is stored for the pulls; notebook cells are always pushed: vscode-languageclient 9
    // never pulls diagnostics for cells (vscode-languageserver-node#1464).
    this.scheduler = new AnalysisScheduler(
      input,
      (uri) => this.guardAsync('analysis', () => this.publish(uri), undefined),
      (uri) => this.pullFollowed(uri),
    );
  }

  /** `input` counts the messages the connection handles (pass its strategy to createConnection). */
  static initialize(connection: Connection, params: InitializeParams, input: InputActivity = new InputActivity(), version = 'unknown'): HoldoutServer {
    return new HoldoutServer(connection, clientSupport(params), input, params.clientInfo, version);
  }

  capabilities(): ServerCapabilities {
    return {
      positionEncoding: 'utf-16',
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      // All cells (markdown too) so cell numbers in messages match the notebook's.
      notebookDocumentSync: { notebookSelector: [{ notebook: { notebookType: 'jupyter-notebook' } }] },
      codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL_KIND, NOTEBOOK_FIX_ALL_KIND], resolveProvider: false },
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
      this.scheduler.touch(notebook.uri);
    });
    this.notebooks.sync.onDidChange((event) => this.scheduler.touch(event.notebookDocument.uri));
    this.notebooks.sync.onDidClose((notebook) => this.guard('notebookDidClose', () => this.onNotebookClosed(notebook), undefined));
    connection.onNotification(SHOWN_NOTEBOOKS_NOTIFICATION, (params: ShownNotebooksParams) =>
      this.guard('shownNotebooks', () => this.onShownNotebooks(params), undefined),
    );
    connection.onDidChangeWatchedFiles((params) => this.guard('didChangeWatchedFiles', () => this.onDidChangeWatchedFiles(params), undefined));
    connection.onCodeAction((params) => this.guardAsync('codeAction', () => this.onCodeAction(params), []));
    connection.onHover((params) => this.guardAsync('hover', () => this.onHover(params), null));
    connection.onExecuteCommand((params) => this.guardAsync('executeCommand', () => this.onExecuteCommand(params), null));
    connection.onRequest(EXPERIMENT_GRAPH_REQUEST, (params: ExperimentGraphParams) => this.guardAsync('experimentGraph', () => this.onExperimentGraph(params), null));
    if (this.client.pullDiagnostics) {
      connection.languages.diagnostics.on((params) =>
        this.guardAsync('diagnostic', () => this.onPullDiagnostics(params), { kind: DocumentDiagnosticReportKind.Full, items: [] }),
      );
    }
    connection.onShutdown(() => {
      this.scheduler.dispose();
      clearTimeout(this.deferredIndexTimer);
    });
  }

  // ---- lifecycle and documents

  private onInitialized(): void {
    this.connection.console.info(this.startupLine());
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

  /** What the output channel says first: version, runtime, mode and how long the start took. */
  private startupLine(): string {
    const mode = this.client.pullDiagnostics ? 'pull diagnostics' : 'pushed diagnostics';
    const client = this.clientInfo ? `${this.clientInfo.name}${this.clientInfo.version ? ` ${this.clientInfo.version}` : ''}` : 'an unnamed client';
    const startedMs = Math.round(performance.now());
    return `Holdout server ${this.version} started (Node.js ${process.version}, ${client}, ${mode}) in ${startedMs} ms`;
  }

  private onDidOpen({ textDocument: d }: DidOpenTextDocumentParams): void {
    const doc = new OpenDocument(d.uri, d.languageId, d.version, d.text);
    this.documents.set(d.uri, doc);
    this.analyzer.forget(d.uri);
    this.pulled.forget(d.uri);
    this.scheduler.touch(d.uri);
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
    this.scheduler.touch(textDocument.uri);
    const file = doc.languageId === 'python' ? fileOf(doc.uri) : undefined;
    if (file) this.moduleChanged(file);
  }

  /**
   * A module's text changed (an edit, or on disk): the open documents that import it, directly
   * or through other modules, are analysed again without being touched.
   */
  private moduleChanged(file: string, createdOrDeleted = false): void {
    const importers = this.modules.changed(file, createdOrDeleted);
    // Background tabs answered from disk: the file itself (changed on disk) or one importing it.
    const changed = path.resolve(file);
    const staleFromDisk = [...this.answeredFromDisk.uris()].filter((uri) => {
      const answered = fileOf(uri);
      return answered !== undefined && (path.resolve(answered) === changed || importers.has(path.resolve(answered)));
    });
    for (const uri of staleFromDisk) this.answeredFromDisk.stale(uri);
    if (staleFromDisk.length > 0) this.refreshPulls();
    if (importers.size === 0) return;
    // Pulls answer from the last result, so importers are analysed again in both modes (a new
    // result is announced with a refresh).
    for (const [uri, doc] of this.documents) {
      const docFile = fileOf(uri);
      if (docFile && importers.has(docFile) && doc.languageId === 'python') this.scheduler.touch(uri);
    }
    for (const notebook of this.openNotebooks()) {
      const notebookFile = fileOf(notebook.uri);
      if (notebookFile && importers.has(notebookFile)) this.scheduler.touch(notebook.uri);
    }
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
    this.scheduler.cancel(uri);
    const closed = this.documents.get(uri);
    this.documents.delete(uri);
    this.analyzer.forget(uri);
    this.pulled.forget(uri);
    this.answeredFromDisk.delete(uri);
    this.pulls.get(uri)?.waiter?.();
    this.pulls.delete(uri);
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
    this.scheduler.cancel(notebook.uri);
    this.notebookUris.delete(notebook.uri);
    const cells = this.notebooks.closed(notebook.uri);
    for (const uri of cells) this.background('publishDiagnostics', this.connection.sendDiagnostics({ uri, diagnostics: [] }));
  }

  /** The client's notebook tabs changed: hidden notebooks lose their problems, shown ones are analysed. */
  private onShownNotebooks(params: ShownNotebooksParams): void {
    const uris = Array.isArray(params?.uris) ? params.uris.filter((u): u is string => typeof u === 'string') : [];
    const { hidden, reshown } = this.notebooks.setShown(uris, this.notebookUris);
    for (const { notebookUri, cellUris } of hidden) {
      this.scheduler.cancel(notebookUri);
      for (const uri of cellUris) this.background('publishDiagnostics', this.connection.sendDiagnostics({ uri, diagnostics: [] }));
    }
    for (const uri of reshown) this.scheduler.touch(uri);
  }

  private onDidChangeConfiguration(params: DidChangeConfigurationParams): void {
    const pushed = params.settings && typeof params.settings === 'object' ? (params.settings as Record<string, unknown>).holdout : undefined;
    if (!this.client.configuration) return this.configurationChanged(pushed);
    // The settings are asked for (workspace/configuration): re-analyse only if they changed.
    this.background(
      'didChangeConfiguration',
      this.settings.differ().then((differ) => differ && this.configurationChanged()),
    );
  }

  /** Settings or config files changed: everything is analysed again. */
  private configurationChanged(pushedSettings?: unknown): void {
    this.settings.changed(pushedSettings);
    this.projects.invalidate();
    for (const uri of this.documents.keys()) this.scheduler.touch(uri);
    for (const notebook of this.openNotebooks()) this.scheduler.touch(notebook.uri);
    // Files answered from disk (background tabs) have no analysis here to redo: the client pulls
    // them again, and the pulls are answered under the new configuration.
    for (const uri of this.answeredFromDisk.uris()) this.answeredFromDisk.stale(uri);
    if (this.answeredFromDisk.size > 0) this.refreshPulls();
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
    return { ...resolved, ...project, moduleStamp: this.modules.stamp, otherModulesStamp: file ? this.modules.stampExcept(file) : undefined, enabled: settings.enable };
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
    return analysis.result.findings.map((f) => toDiagnostic(f, analysis.result.lines, doc.uri, this.client.relatedInformation, analysis.config.config.docsUrl));
  }

  /** Publishes a text document's diagnostics, or those of every cell of a notebook. */
  private async publish(uri: string): Promise<void> {
    const doc = this.documents.get(uri);
    if (doc) return this.publishDocument(doc);
    const notebook = this.notebooks.sync.getNotebookDocument(uri);
    if (notebook) return this.publishNotebook(notebook);
  }

  /** Analyses a text document and shows the result: pushed, or stored for pulls (and a refresh asked for). */
  private async publishDocument(doc: OpenDocument): Promise<void> {
    const version = doc.version;
    const started = performance.now();
    let diagnostics: Diagnostic[] = [];
    try {
      diagnostics = await this.diagnostics(doc);
    } catch (error) {
      this.logError('publishDiagnostics', error);
    }
    const ms = performance.now() - started;
    // The analysis blocked the event loop: handle the changes that queued up meanwhile. If the
    // text is newer now, the run the scheduler makes next shows that instead (stale work is
    // dropped by version), unless nothing was shown yet.
    await this.input.drained();
    if (this.documents.get(doc.uri) !== doc) return;
    if (doc.version !== version && (!this.client.pullDiagnostics || this.pulled.get(doc.uri))) return;
    if (doc.languageId === 'python') this.logAnalysis(doc.uri, `version ${version}`, diagnostics.length, ms);
    if (!this.client.pullDiagnostics) {
      await this.connection.sendDiagnostics({ uri: doc.uri, version, diagnostics });
    } else {
      // The first result answers the pull waiting for it; later ones need the client to pull again.
      // A document first answered from disk (a background tab) is pulled again only when asked.
      const first = !this.pulled.get(doc.uri) && !this.answeredFromDisk.delete(doc.uri);
      if (this.pulled.set(doc.uri, diagnostics) && !first) this.refreshPulls();
    }
    this.buildDeferredIndexesSoon();
  }

  /** Builds the import indexes that first analyses did without (WorkspaceModules.contextFor), once they are shown. */
  private buildDeferredIndexesSoon(): void {
    if (!this.modules.hasDeferred || this.deferredIndexTimer) return;
    this.deferredIndexTimer = setTimeout(() => {
      this.deferredIndexTimer = undefined;
      const started = performance.now();
      this.guard('import index', () => this.modules.buildDeferred(), undefined);
      this.connection.console.info(`Indexed the workspace's imports in ${Math.round(performance.now() - started)} ms (after the first results)`);
    }, DEFERRED_INDEX_DELAY_MS);
    this.deferredIndexTimer.unref();
  }

  private logAnalysis(uri: string, what: string, findings: number, ms: number): void {
    const name = uri.slice(uri.lastIndexOf('/') + 1);
    this.connection.console.info(`Analysed ${decodeURIComponent(name)} (${what}): ${findings} finding${findings === 1 ? '' : 's'} in ${Math.round(ms)} ms`);
  }

  /**
   * With pull diagnostics the client follows each change with a pull. The analysis (which blocks
   * the event loop) starts once that pull has arrived, so the pull is answered first, from the
   * last result; if it does not come (a background document), the analysis starts anyway soon.
   */
  private pullFollowed(uri: string): Promise<void> {
    const doc = this.documents.get(uri);
    if (!this.client.pullDiagnostics || !doc || !this.pulled.get(uri)) return Promise.resolve();
    const pull = this.pulls.get(uri) ?? { version: -1 };
    this.pulls.set(uri, pull);
    if (pull.version === doc.version) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(), PULL_GRACE_MS);
      const done = (): void => {
        clearTimeout(timer);
        if (pull.waiter === done) pull.waiter = undefined;
        resolve();
      };
      pull.waiter = done;
    });
  }

  /** A pull request arrived for a text document (before it is answered). */
  private pullArrived(uri: string): void {
    const doc = this.documents.get(uri);
    if (!doc) return;
    const pull = this.pulls.get(uri) ?? { version: -1 };
    pull.version = doc.version;
    this.pulls.set(uri, pull);
    pull.waiter?.();
  }

  /** Asks the client to pull again (once for any number of new results in one turn). */
  private refreshPulls(): void {
    if (!this.client.diagnosticRefresh || this.refreshQueued) return;
    this.refreshQueued = true;
    setImmediate(() => {
      this.refreshQueued = false;
      this.guard('diagnosticRefresh', () => this.connection.languages.diagnostics.refresh(), undefined);
    });
  }

  private async publishNotebook(notebook: NotebookDocument): Promise<void> {
    // A notebook without an editor tab shows no problems (and is not analysed until shown again).
    if (!this.notebooks.isShown(notebook.uri)) return;
    let byCell = new Map<string, Diagnostic[]>();
    try {
      byCell = this.notebooks.diagnostics(notebook, await this.notebookAnalysis(notebook), this.client.relatedInformation);
    } catch (error) {
      this.logError('publishDiagnostics', error);
    }
    if (this.notebooks.sync.getNotebookDocument(notebook.uri) !== notebook || !this.notebooks.isShown(notebook.uri)) return;
    for (const uri of this.notebooks.publishTargets(notebook)) await this.connection.sendDiagnostics({ uri, diagnostics: byCell.get(uri) ?? [] });
    this.buildDeferredIndexesSoon();
  }

  private async onPullDiagnostics(params: DocumentDiagnosticParams): Promise<DocumentDiagnosticReport> {
    const uri = params.textDocument.uri;
    const target = this.target(uri);
    if (!target) return this.pullFromDisk(params);
    // Cells get pushed diagnostics (see the constructor); answering a pull too would show them twice.
    if ('notebook' in target) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    this.pullArrived(uri);
    // The last result, even while a newer text is analysed: the refresh brings the new one.
    // Only the first pull of a document (or a client that cannot be asked to refresh) waits.
    let result = this.pulled.get(uri);
    if (!result || (!this.client.diagnosticRefresh && this.scheduler.busy(uri))) {
      await this.scheduler.idle(uri);
      result = this.pulled.get(uri);
    }
    if (!result) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    if (params.previousResultId === result.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: result.resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId: result.resultId, items: result.items };
  }

  /**
   * A pull for a file the client has not opened: a background tab after a window reload (VS Code
   * loads only the active tab's text; the client pulls its tabs, diagnosticPullOptions.onTabs).
   * The file is analysed as it is on disk, after the open documents' analyses.
   */
  private async pullFromDisk(params: DocumentDiagnosticParams): Promise<DocumentDiagnosticReport> {
    const uri = params.textDocument.uri;
    const empty: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const file = uri.startsWith('file:') ? fileOf(uri) : undefined;
    if (!file || !/\.pyw?$/.test(file)) return empty;
    await this.scheduler.idleAll();
    await this.input.drained();
    // Opened meanwhile: answered like any open document.
    if (this.target(uri)) return this.onPullDiagnostics(params);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      return empty;
    }
    const config = await this.documentConfig(uri);
    if (!config.enabled || config.excluded || skipReason(text) || this.target(uri)) return empty;
    const same = this.answeredFromDisk.unchanged(uri, text);
    if (same !== undefined && params.previousResultId === same) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: same };
    const started = performance.now();
    let result: LintResult;
    try {
      result = lint({ text, config: config.config, extraIgnores: config.extraIgnores, modules: config.modules, library: config.library });
    } catch (error) {
      this.logError(`analysis of ${uri} (read from disk)`, error);
      return empty;
    }
    const resultId = this.answeredFromDisk.answered(uri, text);
    const items = result.findings.map((f) => toDiagnostic(f, result.lines, uri, this.client.relatedInformation, config.config.docsUrl));
    this.logAnalysis(uri, 'not open, read from disk', items.length, performance.now() - started);
    this.buildDeferredIndexesSoon();
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
  }

  // ---- features

  private workspaceEdit(doc: OpenDocument, edits: LspTextEdit[]): WorkspaceEdit {
    if (this.client.documentChanges) return { documentChanges: [TextDocumentEdit.create({ uri: doc.uri, version: doc.version }, edits)] };
    return { changes: { [doc.uri]: edits } };
  }

  private documentFixAll(doc: OpenDocument, result: LintResult, config: DocumentConfig): { edit: WorkspaceEdit | undefined; run: FixRun } {
    const { edit, run } = fixAllEdit(doc.text, (text) => lint({ text, config: config.config, extraIgnores: config.extraIgnores, modules: config.modules, library: config.library }).findings);
    return { edit: edit && this.workspaceEdit(doc, [toTextEdit(edit, result.lines)]), run };
  }

  private async onCodeAction(params: CodeActionParams): Promise<CodeAction[]> {
    const target = this.target(params.textDocument.uri);
    if (!target) return [];
    // The editor asks for code actions at the cursor after every keystroke (the light bulb).
    // Without a Holdout diagnostic there and no fix-all asked for, there is nothing to offer:
    // answering must not analyse the text of each keystroke out of turn.
    const wantsSource = params.context.only?.some((kind) => kind.startsWith('source') || kind.startsWith('notebook')) ?? false;
    if (!params.context.diagnostics.some((d) => d.source === SOURCE) && !wantsSource) return [];
    if ('notebook' in target) {
      const analysis = await this.notebookAnalysis(target.notebook);
      if (!analysis) return [];
      const cell = this.notebooks.cellNumber(analysis, target.cellUri);
      return codeActions({
        result: analysis.lint.result,
        context: params.context,
        shown: this.notebooks.shownIn(analysis, cell),
        workspaceEdit: (edits) => this.notebooks.workspaceEdit(analysis, edits),
        fixAll: (scope) => this.notebooks.fixAll(analysis, scope === 'notebook' ? undefined : cell).edit,
        inNotebook: true,
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
      fixAll: () => this.documentFixAll(doc, result, config).edit,
    });
  }

  private async onHover(params: HoverParams): Promise<Hover | null> {
    const target = this.target(params.textDocument.uri);
    if (!target) return null;
    let found: { info: HoverInfo; range: Range } | undefined;
    if ('notebook' in target) {
      const analysis = await this.notebookAnalysis(target.notebook);
      found = analysis && this.notebooks.hover(analysis, this.notebooks.cellNumber(analysis, target.cellUri), params.position, this.docLink(analysis.config));
    } else {
      const analysis = await this.analysis(target.doc);
      const result = analysis?.result;
      const info = analysis && result && hoverInfo(result, result.findings, result.lines.offsetAt(params.position), (o) => result.lines.lineOf(o) + 1, this.docLink(analysis.config));
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

  /** The experiment graph and checklist of a document, a notebook or a cell's notebook (null: not analysed). */
  private async onExperimentGraph(params: ExperimentGraphParams): Promise<ExperimentGraphResult | null> {
    const uri = typeof params?.uri === 'string' ? params.uri : '';
    const notebook = this.notebooks.sync.getNotebookDocument(uri) ?? this.notebooks.notebookOfCell(uri);
    if (notebook) {
      const analysis = await this.notebookAnalysis(notebook);
      return analysis ? notebookGraph(notebook.uri, notebook.version, analysis.lint, analysis.cellUris, analysis.config) : null;
    }
    const doc = this.documents.get(uri);
    const analysis = doc && (await this.analysis(doc));
    return doc && analysis ? scriptGraph(doc.uri, doc.version, analysis.result, analysis.config) : null;
  }

  /**
   * Applies every safe fix to a document, or to a notebook (named by its URI or a cell's), and
   * says what it did and what is left for review (window/showMessage, so every client shows it).
   */
  private async fixAll(uri: string | undefined): Promise<{ applied: boolean; summary?: string }> {
    const notebook = uri === undefined ? undefined : this.notebooks.sync.getNotebookDocument(uri);
    const target = uri === undefined ? undefined : notebook ? { notebook, cellUri: '' } : this.target(uri);
    let fix: { edit: WorkspaceEdit | undefined; run: Pick<FixRun, 'applied' | 'heldBack' | 'remaining'> } | undefined;
    if (!target) return { applied: false };
    if ('notebook' in target) {
      const analysis = await this.notebookAnalysis(target.notebook);
      fix = analysis && this.notebooks.fixAll(analysis);
    } else {
      const analysis = await this.analysis(target.doc);
      fix = analysis && this.documentFixAll(target.doc, analysis.result, analysis.config);
    }
    if (!fix) return { applied: false };
    const applied = fix.edit ? (await this.connection.workspace.applyEdit({ label: 'Holdout: fix all', edit: fix.edit })).applied : false;
    if (fix.edit && !applied) return { applied: false };
    const summary = `Holdout: ${fixAllSummary(fix.run)}`;
    // A notification, not window/showMessageRequest: nothing to answer, every client shows it.
    this.background('showMessage', this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: summary }));
    return { applied, summary };
  }

  /**
   * A hover's documentation link: the project's published page (docs-url), else, for the VS Code
   * extension, the command that opens the page it ships; other clients get no link.
   */
  private docLink(config: DocumentConfig): DocLink {
    return (rule) =>
      ruleDocUrl(rule, config.config.docsUrl) ??
      (this.client.documentationCommand ? `command:${SHOW_DOCUMENTATION_COMMAND}?${encodeURIComponent(JSON.stringify([rule]))}` : undefined);
  }

  /**
   * "Show documentation" for a client that does not open the docs itself (the VS Code extension
   * does): the rule's summary as a message (window/showMessage: shown by every client, nothing
   * to answer) and its whole page as the command's result, in Markdown.
   */
  private showDocumentation(rule: string): string | null {
    const found = ruleById(rule);
    if (!found) return null;
    const message = `Holdout: ${rule}: ${found.docs.summary} The full page: holdout rule ${rule}`;
    this.background('showMessage', this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message }));
    return renderRuleDoc(found);
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
