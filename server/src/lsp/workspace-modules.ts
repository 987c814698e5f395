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
  private readonly projects = new Projects({ read: (file) => this.open.get(file)?.() ?? this.disk.read(file) });
  /** Increases whenever any module text changes (an edit, a file changed on disk). */
  stamp = 0;

  opened(file: string, text: () => string): void {
    this.open.set(path.resolve(file), text);
  }

  closed(file: string): void {
    this.open.delete(path.resolve(file));
  }

  contextFor(file: string, src?: readonly string[]): FileProjectContext {
    const context = this.projects.contextFor(file, { src });
    // An open document may exist only in the editor: its imports join the index from its text.
    if (this.open.has(path.resolve(file))) this.projects.changed(path.resolve(file));
    return context;
  }

  /**
   * A file's text changed (edited in the editor, or on disk): its imports are read again and
   * the files that import it, directly or through other modules, are returned.
   */
  changed(file: string, createdOrDeleted = false): Set<string> {
    const absolute = path.resolve(file);
    this.stamp++;
    this.disk.invalidate(absolute);
    this.projects.changed(absolute, createdOrDeleted);
    return this.projects.importersOf(absolute);
  }
}
