// What linting a file needs to know about its project: how to follow its imports of project
// modules, and whether it is a library module (judged where entry points call it).
import * as path from 'node:path';
import { ModuleHost } from '../semantic/modules';
import { ImportIndex } from './import-index';
import { ModuleStore, ProjectSettings, TextProvider } from './module-store';

export interface FileProjectContext {
  modules: ModuleHost;
  library: boolean;
}

export class Projects {
  readonly store: ModuleStore;
  private readonly indexes = new Map<string, ImportIndex>();

  constructor(texts: TextProvider) {
    this.store = new ModuleStore(texts);
  }

  /** The import index of a project root (built on first use, then kept up to date by `changed`). */
  indexFor(root: string, settings: ProjectSettings = {}): ImportIndex {
    let index = this.indexes.get(root);
    if (!index) this.indexes.set(root, (index = new ImportIndex(root, this.store, settings)));
    return index;
  }

  contextFor(file: string, settings: ProjectSettings = {}): FileProjectContext {
    const absolute = path.resolve(file);
    const { root } = this.store.projectFor(path.dirname(absolute), settings);
    return { modules: this.store.hostFor(absolute, settings), library: this.indexFor(root, settings).isLibrary(absolute) };
  }

  /** A file changed, appeared or went away: every index that covers it rereads its imports. */
  changed(file: string, created = false): void {
    if (created) this.store.filesChanged();
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
