// What linting a file needs to know about its project: how to follow its imports of project
// modules, and whether it is a library module (judged where entry points call it).
import * as path from 'node:path';
import { ModuleHost } from '../semantic/modules';
import { hasMainGuard, ImportIndex, projectFiles } from './import-index';
import { ModuleStore, ProjectSettings, TextProvider } from './module-store';

export interface FileProjectContext {
  modules: ModuleHost;
  library: boolean;
  /** Some project file may import it (its syntax tree is worth keeping for them: ModuleStore.syntaxOf). */
  imported: boolean;
}

export class Projects {
  readonly store: ModuleStore;
  private readonly indexes = new Map<string, ImportIndex>();
  /** Project files listed before their index was built (contextWithoutIndex), for the index. */
  private readonly fileLists = new Map<string, string[]>();

  /** `indexed` is told of each import index once it is built (it has read the project's files). */
  constructor(
    texts: TextProvider,
    private readonly indexed?: (index: ImportIndex) => void,
  ) {
    this.store = new ModuleStore(texts);
  }

  /** The import index of a project root (built on first use, then kept up to date by `changed`). */
  indexFor(root: string, settings: ProjectSettings = {}): ImportIndex {
    let index = this.indexes.get(root);
    if (!index) {
      index = new ImportIndex(root, this.store, settings, this.fileLists.get(root) ?? projectFiles(root));
      this.indexes.set(root, index);
      this.fileLists.delete(root);
      this.indexed?.(index);
    }
    return index;
  }

  /** Whether the import index of the file's project is built (contextFor builds it). */
  hasIndexFor(file: string, settings: ProjectSettings = {}): boolean {
    return this.indexes.has(this.store.projectFor(path.dirname(path.resolve(file)), settings).root);
  }

  /**
   * The file's context without building its project's import index, when its role cannot depend
   * on it (else undefined): a notebook is never imported, a file with a `__main__` block is an
   * entry point whoever imports it (ImportIndex.isLibrary), and a module whose name no other
   * project file (nor `alsoRead`) mentions has no importers. Reading the files for that last
   * check is about half of the index's work, and the index reuses the reads.
   */
  contextWithoutIndex(file: string, settings: ProjectSettings = {}, alsoRead: readonly string[] = []): FileProjectContext | undefined {
    const absolute = path.resolve(file);
    let imported = false; // a notebook is never imported
    if (!absolute.endsWith('.ipynb')) {
      const text = this.store.texts.read(absolute);
      if (text === undefined) return undefined;
      const entryPoint = hasMainGuard(text);
      if (!entryPoint && this.mayBeImported(absolute, settings, alsoRead)) return undefined;
      // An entry point may still be imported: without the index, that is not looked up.
      imported = entryPoint;
    }
    return { modules: this.store.hostFor(absolute, settings), library: false, imported };
  }

  /**
   * False only when no file the index would read names the module: every import that resolves
   * to `a/b.py` spells `b` (`import a.b`, `from a import b`, `from .b import x`). A package's
   * `__init__.py` is reached by `from . import x` without its name, so it may always be imported.
   */
  private mayBeImported(file: string, settings: ProjectSettings, alsoRead: readonly string[]): boolean {
    const stem = path.basename(file).replace(/\.py$/i, '');
    if (stem.toLowerCase() === '__init__' || !/^\w+$/.test(stem)) return true;
    // Case-insensitive, as a resolver on a case-insensitive file system would be.
    const names = new RegExp(`\\b${stem}\\b`, 'i');
    const { root } = this.store.projectFor(path.dirname(file), settings);
    for (const other of [...this.filesUnder(root), ...alsoRead]) {
      if (other === file) continue;
      const text = this.store.texts.read(other);
      if (text !== undefined && names.test(text)) return true;
    }
    return false;
  }

  /** projectFiles(root), read once for the name check and the index. */
  private filesUnder(root: string): string[] {
    let files = this.fileLists.get(root);
    if (!files) this.fileLists.set(root, (files = projectFiles(root)));
    return files;
  }

  contextFor(file: string, settings: ProjectSettings = {}): FileProjectContext {
    const absolute = path.resolve(file);
    const { root } = this.store.projectFor(path.dirname(absolute), settings);
    const index = this.indexFor(root, settings);
    return { modules: this.store.hostFor(absolute, settings), library: index.isLibrary(absolute), imported: index.importers(absolute).size > 0 };
  }

  /** A file changed, appeared or went away: every index that covers it rereads its imports. */
  changed(file: string, created = false): void {
    if (created) {
      this.store.filesChanged();
      this.fileLists.clear();
    }
    for (const index of this.indexes.values()) {
      if (!file.startsWith(index.root + path.sep)) continue;
      index.update(file, created);
    }
  }

  /** Every index's files that import `file`, directly or transitively. */
  importersOf(file: string): Set<string> {
    const out = new Set<string>();
    for (const index of this.indexes.values()) for (const f of index.transitiveImporters(file)) out.add(f);
    return out;
  }
}
