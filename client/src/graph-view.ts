// "Holdout: Show Experiment Graph": a webview beside the editor that shows the checklist and the
// experiment graph of a script or notebook (asked from the server with holdout/experimentGraph),
// follows its edits (debounced) and the colour theme, and reveals a node's line or cell when it
// is clicked. A code lens "Holdout: show the path" on each finding opens it.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { Location } from '../../server/src/experiment/document';
import { EXPERIMENT_GRAPH_REQUEST, ExperimentGraphResult } from '../../server/src/lsp/experiment-graph-protocol';

export const SHOW_GRAPH_COMMAND = 'holdout.showExperimentGraph';
/** Quiet time after an edit before the graph is asked for again. */
const REFRESH_MS = 400;

export class GraphView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  /** The document or notebook shown. */
  private target: vscode.Uri | undefined;
  private last: ExperimentGraphResult | undefined;
  private timer: NodeJS.Timeout | undefined;
  private ready = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: () => LanguageClient | undefined,
  ) {
    this.disposables.push(
      vscode.commands.registerCommand(SHOW_GRAPH_COMMAND, (uri?: string | vscode.Uri) => this.show(uri)),
      vscode.workspace.onDidChangeTextDocument((e) => this.changed(e.document.uri)),
      vscode.workspace.onDidChangeNotebookDocument((e) => this.changed(e.notebook.uri)),
      vscode.window.onDidChangeActiveColorTheme(() => this.post({ type: 'theme' })),
      vscode.languages.registerCodeLensProvider([{ language: 'python' }], new FindingLenses()),
    );
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }

  async show(uri?: string | vscode.Uri): Promise<void> {
    const target = targetOf(uri === undefined ? undefined : typeof uri === 'string' ? vscode.Uri.parse(uri) : uri);
    if (!target) {
      void vscode.window.showInformationMessage('Holdout: open a Python file or a notebook to see its experiment graph.');
      return;
    }
    this.target = target;
    if (!this.panel) this.panel = this.createPanel();
    else this.panel.reveal(vscode.ViewColumn.Beside, true);
    this.panel.title = `Experiment: ${basename(target)}`;
    await this.refresh();
  }

  private createPanel(): vscode.WebviewPanel {
    const dist = vscode.Uri.joinPath(this.context.extensionUri, 'dist');
    const panel = vscode.window.createWebviewPanel('holdout.experimentGraph', 'Experiment graph', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: [dist],
      retainContextWhenHidden: true,
    });
    this.ready = false;
    panel.webview.html = page(panel.webview, dist);
    panel.webview.onDidReceiveMessage((message: { type: string; location?: Location }) => {
      if (message.type === 'ready') {
        this.ready = true;
        this.sendGraph();
      } else if (message.type === 'reveal' && message.location) void this.reveal(message.location);
    });
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.target = undefined;
      this.last = undefined;
    });
    return panel;
  }

  private changed(uri: vscode.Uri): void {
    if (!this.panel || !this.target) return;
    const ours = uri.toString() === this.target.toString() || (uri.scheme === 'vscode-notebook-cell' && notebookOfCell(uri)?.uri.toString() === this.target.toString());
    if (!ours) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), REFRESH_MS);
  }

  private async refresh(): Promise<void> {
    const client = this.client();
    const target = this.target;
    if (!client || !target) return;
    try {
      const result = await client.sendRequest<ExperimentGraphResult | null>(EXPERIMENT_GRAPH_REQUEST, { uri: target.toString() });
      if (this.target !== target) return;
      this.last = result ?? undefined;
      if (!result) this.post({ type: 'empty', message: `Holdout does not analyse ${basename(target)} (disabled, excluded, or too large).` });
      else this.sendGraph();
    } catch (error) {
      this.post({ type: 'empty', message: `Holdout could not build the graph: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  private sendGraph(): void {
    if (!this.last || !this.target) return;
    const findings = this.last.graph.findings.length;
    const title = `${basename(this.target)} · ${findings ? `${findings} finding${findings === 1 ? '' : 's'}; their paths are coloured` : 'no findings'}`;
    this.post({ type: 'graph', graph: this.last.graph, checklist: this.last.checklist, title });
  }

  private post(message: unknown): void {
    if (this.panel && this.ready) void this.panel.webview.postMessage(message);
  }

  /** Moves the cursor to a node's code: its line in the script, or its line in a notebook cell. */
  private async reveal(location: Location): Promise<void> {
    const result = this.last;
    if (!result) return;
    const position = new vscode.Position(location.line - 1, location.column - 1);
    const selection = new vscode.Range(position, position);
    const column = editorColumn(result.uri);
    // A node in another module of the project (whole-project analysis): open that file.
    if (location.module !== undefined) {
      await vscode.window.showTextDocument(vscode.Uri.file(location.file), { viewColumn: column, selection });
      return;
    }
    if (location.cell !== undefined && result.cellUris) {
      const notebook = vscode.workspace.notebookDocuments.find((n) => n.uri.toString() === result.uri);
      const cell = notebook?.getCells().find((c) => c.document.uri.toString() === result.cellUris![location.cell! - 1]);
      if (!notebook || !cell) return;
      await vscode.window.showNotebookDocument(notebook, { viewColumn: column, selections: [new vscode.NotebookRange(cell.index, cell.index + 1)] });
      await vscode.window.showTextDocument(cell.document, { viewColumn: column, selection });
      return;
    }
    await vscode.window.showTextDocument(vscode.Uri.parse(result.uri), { viewColumn: column, selection });
  }
}

/** Code lenses "Holdout: show the path" above each Holdout finding. */
class FindingLenses implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor() {
    vscode.languages.onDidChangeDiagnostics(() => this.changed.fire());
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const lines = new Set<number>();
    for (const d of vscode.languages.getDiagnostics(document.uri)) {
      if (d.source !== 'holdout' || d.severity === vscode.DiagnosticSeverity.Hint || /suppression/.test(String(typeof d.code === 'object' ? d.code.value : d.code))) continue;
      lines.add(d.range.start.line);
    }
    return [...lines].sort((a, b) => a - b).map((line) => new vscode.CodeLens(new vscode.Range(line, 0, line, 0), { title: 'Holdout: show the path', command: SHOW_GRAPH_COMMAND, arguments: [document.uri.toString()] }));
  }
}

/** The document or notebook to show for a URI (a cell names its notebook), or the active one. */
function targetOf(uri: vscode.Uri | undefined): vscode.Uri | undefined {
  if (uri) return uri.scheme === 'vscode-notebook-cell' ? notebookOfCell(uri)?.uri : uri;
  const notebook = vscode.window.activeNotebookEditor?.notebook;
  if (notebook) return notebook.uri;
  const document = vscode.window.activeTextEditor?.document;
  if (!document || document.languageId !== 'python') return undefined;
  return document.uri.scheme === 'vscode-notebook-cell' ? notebookOfCell(document.uri)?.uri : document.uri;
}

function notebookOfCell(cell: vscode.Uri): vscode.NotebookDocument | undefined {
  return vscode.workspace.notebookDocuments.find((n) => n.getCells().some((c) => c.document.uri.toString() === cell.toString()));
}

/** The column where the document is shown already, else the first. */
function editorColumn(uri: string): vscode.ViewColumn {
  const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri || notebookOfCell(e.document.uri)?.uri.toString() === uri);
  return shown?.viewColumn ?? vscode.ViewColumn.One;
}

function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

function page(webview: vscode.Webview, dist: vscode.Uri): string {
  const nonce = Array.from({ length: 32 }, () => Math.floor(Math.random() * 36).toString(36)).join('');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'graph-view.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'graph-view.css'));
  // Scripts only from the bundle (by nonce); styles from the bundle and the ones mermaid puts
  // into the SVG it draws; no network.
  const csp = [`default-src 'none'`, `script-src 'nonce-${nonce}'`, `style-src ${webview.cspSource} 'unsafe-inline'`, `img-src ${webview.cspSource} data:`, `font-src ${webview.cspSource}`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${style}">
<title>Experiment graph</title>
</head>
<body>
<div id="status">Analysing…</div>
<section id="checklist" aria-label="Checklist for clean experiments"></section>
<section id="graph" aria-label="Experiment graph"></section>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}
