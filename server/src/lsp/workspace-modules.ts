// The language server's view of the project's modules: open documents' texts over the disk, the
// import index (module → importers), and a stamp that changes whenever a module's text does, so
// cached analyses of the files importing it are redone.
import * as path from 'node:path';
import { DiskTexts } from '../project/module-store';
import { FileProjectContext, Projects } from '../project/project';

export class WorkspaceModules {
  private readonly disk = new DiskTexts();
  /** Open documents by file path: their current text wins over the disk. */
  private readonly open = new Map<string, () => string>();
  private readonly projects = new Projects(
    { read: (file) => this.open.get(file)?.() ?? this.disk.read(file) },
    // Memory: once the index is built, the texts of the files nothing imports are not needed
    // (the index reads a file again when it changes; only imported modules are analysed).
    (index) => {
      for (const file of index.unimported()) this.disk.invalidate(file);
    },
  );
  /** How many files' disk texts are kept (tests). */
  get diskTexts(): number {
    return this.disk.size;
  }

  /** Increases whenever any module text changes (an edit, a file changed on disk). */
  stamp = 0;
  /** The stamp of each file's last change; files created or deleted are under ''. */
  private readonly changedAt = new Map<string, number>();

  /** The stamp of the last change to any module but `file` (a file created or deleted anywhere counts). */
  stampExcept(file: string): number {
    const absolute = path.resolve(file);
    let last = 0;
    for (const [changed, at] of this.changedAt) if (changed !== absolute && at > last) last = at;
    return last;
  }

  opened(file: string, text: () => string): void {
    this.open.set(path.resolve(file), text);
  }

  closed(file: string): void {
    this.open.delete(path.resolve(file));
  }

  /**
   * Files whose project's import index was not built for their analysis: a large workspace takes
   * seconds to index, and the first result need not wait when the file's role cannot depend on
   * it (Projects.contextWithoutIndex); the server builds it once that result is shown.
   */
  private readonly deferred = new Map<string, { src?: readonly string[] }>();

  contextFor(file: string, src?: readonly string[]): FileProjectContext {
    const absolute = path.resolve(file);
    if (!this.projects.hasIndexFor(absolute, { src })) {
      const context = this.projects.contextWithoutIndex(absolute, { src }, [...this.open.keys()]);
      if (context) {
        this.deferred.set(absolute, { src });
        return context;
      }
    }
    // The index this builds or uses must hold the open texts of the files analysed without it.
    this.buildDeferred();
    const context = this.projects.contextFor(absolute, { src });
    // An open document may exist only in the editor: its imports join the index from its text.
    if (this.open.has(absolute)) this.projects.changed(absolute);
    return context;
  }

  /** Some import index is still to be built (buildDeferred). */
  get hasDeferred(): boolean {
    return this.deferred.size > 0;
  }

  /** Builds the indexes contextFor left out (answering which files import a module needs them). */
  buildDeferred(): void {
    if (this.deferred.size === 0) return;
    for (const [file, { src }] of [...this.deferred]) {
      this.deferred.delete(file);
      if (!this.projects.hasIndexFor(file, { src })) this.projects.contextFor(file, { src });
    }
    // The open documents' texts over the disk (one may exist only in the editor).
    for (const file of this.open.keys()) this.projects.changed(file);
  }

  /**
   * A file's text changed (edited in the editor, or on disk): its imports are read again and
   * the files that import it, directly or through other modules, are returned.
   */
  changed(file: string, createdOrDeleted = false): Set<string> {
    const absolute = path.resolve(file);
    this.buildDeferred();
    this.stamp++;
    this.changedAt.set(createdOrDeleted ? '' : absolute, this.stamp);
    this.disk.invalidate(absolute);
    this.projects.changed(absolute, createdOrDeleted);
    return this.projects.importersOf(absolute);
  }
}
