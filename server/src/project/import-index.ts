// Which project files import which: a cheap scan of import lines (no parse), resolved like the
// interpreter resolves them. It decides the role of a file (a library module, or an entry
// point) and, in the language server, which open documents an edit of a module affects.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ModuleStore, ProjectSettings } from './module-store';

const SKIPPED_DIRS = new Set(['.git', '.hg', '.svn', '.venv', 'venv', 'env', '.env', 'site-packages', 'dist-packages', 'node_modules', '__pycache__', 'build', 'dist', '.tox', '.nox', '.mypy_cache', '.ipynb_checkpoints']);
/** A project larger than this is not scanned whole (every file then counts as an entry point). */
const MAX_SCANNED_FILES = 20_000;

const FROM_IMPORT = /^[ \t]*from[ \t]+(\.*)[ \t]*([\w.]*)[ \t]+import[ \t]+\(?([^#\n]*)/;
const IMPORT = /^[ \t]*import[ \t]+([^#\n]+)/;
const MAIN_GUARD = /^if[ \t]+(?:__name__[ \t]*==[ \t]*(['"])__main__\1|(['"])__main__\2[ \t]*==[ \t]*__name__)[ \t]*:/m;

/** The imports a file's text writes: (dotted name, leading dots). Notebooks: the code cells' sources. */
export function scanImports(text: string, isNotebook = false): { dotted: string; level: number; names: string[] }[] {
  const source = isNotebook ? notebookCode(text) : text;
  const out: { dotted: string; level: number; names: string[] }[] = [];
  for (const line of linesWith(source, 'import')) {
    const from = FROM_IMPORT.exec(line);
    if (from) {
      const names = from[3].replace(/[()\\]/g, '').split(',').map((n) => n.trim().split(/\s+/)[0]).filter((n) => /^\w+$/.test(n));
      out.push({ dotted: from[2], level: from[1].length, names });
      continue;
    }
    const plain = IMPORT.exec(line);
    if (plain) {
      for (const part of plain[1].split(',')) {
        const dotted = part.trim().split(/\s+/)[0];
        if (/^[\w.]+$/.test(dotted)) out.push({ dotted, level: 0, names: [] });
      }
    }
  }
  return out;
}

/**
 * The lines (split at \r\n, \r or \n) that contain `word`, in order: found by searching for
 * the word, not by splitting the whole text (the editor rescans an open file on every change).
 */
export function* linesWith(text: string, word: string): Generator<string> {
  let at = text.indexOf(word);
  while (at >= 0) {
    // Back to the line's start by hand: lastIndexOf('\r') in a text without one scans to its
    // start for every occurrence (a 1 MB document took seconds per change).
    let start = at;
    while (start > 0 && text.charCodeAt(start - 1) !== 10 && text.charCodeAt(start - 1) !== 13) start--;
    let end = text.length;
    for (let i = at + word.length; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13) {
        end = i;
        break;
      }
    }
    yield text.slice(start, end);
    at = text.indexOf(word, end);
  }
}

function notebookCode(text: string): string {
  try {
    const doc = JSON.parse(text) as { cells?: { cell_type?: string; source?: string | string[] }[] };
    return (doc.cells ?? []).filter((c) => c.cell_type === 'code').map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source ?? '')).join('\n');
  } catch {
    return '';
  }
}

export function hasMainGuard(text: string): boolean {
  return MAIN_GUARD.test(text);
}

/** The Python files and notebooks under a project root (environments and build output skipped). */
export function projectFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (out.length >= MAX_SCANNED_FILES) return;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.') && !fs.existsSync(path.join(full, 'pyvenv.cfg'))) walk(full);
      } else if (entry.isFile() && (entry.name.endsWith('.py') || entry.name.endsWith('.ipynb'))) {
        out.push(full);
      }
    }
  };
  walk(root);
  return out;
}

/** The import graph of one project: module → the files that import it. */
export class ImportIndex {
  private readonly importedBy = new Map<string, Set<string>>();
  private readonly importsOf = new Map<string, string[]>();
  /** Per folder, the lower-cased names an absolute import could find there (`a` for `a.py` and `a/`). */
  private readonly folderNames = new Map<string, Set<string>>();

  constructor(
    readonly root: string,
    private readonly store: ModuleStore,
    private readonly settings: ProjectSettings = {},
    files: readonly string[] = projectFiles(root),
  ) {
    for (const file of files) this.read(file);
  }

  /** (Re)reads one file's imports (after it changed; `created`: it appeared or went away). */
  update(file: string, created = false): void {
    if (created) this.folderNames.clear();
    this.read(file);
  }

  /**
   * Whether `import top…` can find a project module from `file`: the resolver looks for `top.py`
   * or `top/` in the file's folder and the project roots. Asking the folders' listings first
   * spares a resolution (several disk probes) per import of a library (`import numpy`).
   */
  private mayBeLocal(file: string, top: string, roots: readonly string[]): boolean {
    const name = top.toLowerCase();
    return [path.dirname(file), ...roots].some((dir) => this.namesIn(dir).has(name));
  }

  private namesIn(dir: string): Set<string> {
    let names = this.folderNames.get(dir);
    if (!names) {
      names = new Set();
      try {
        for (const entry of fs.readdirSync(dir)) names.add(entry.replace(/\.py$/i, '').toLowerCase());
      } catch {
        // an unreadable or missing folder has nothing to import
      }
      this.folderNames.set(dir, names);
    }
    return names;
  }

  private read(file: string): void {
    for (const target of this.importsOf.get(file) ?? []) this.importedBy.get(target)?.delete(file);
    this.importsOf.delete(file);
    const text = this.store.texts.read(file);
    if (text === undefined) return;
    const { resolver } = this.store.projectFor(path.dirname(file), { ...this.settings, fallbackRoot: this.root });
    const targets = new Set<string>();
    for (const { dotted, level, names } of scanImports(text, file.endsWith('.ipynb'))) {
      if (level === 0 && !this.mayBeLocal(file, dotted.split('.')[0], resolver.roots)) continue;
      const module = resolver.resolve(file, dotted, level);
      if (!module) continue;
      targets.add(module.path);
      // `from pkg import sub`: `sub` may be a submodule.
      const inside = module.kind === 'namespace' ? path.join(module.path, '__init__.py') : module.path;
      if (module.kind !== 'file') for (const name of names) {
        const sub = resolver.resolve(inside, name, 1);
        if (sub) targets.add(sub.path);
      }
    }
    targets.delete(file);
    this.importsOf.set(file, [...targets]);
    for (const target of targets) {
      let set = this.importedBy.get(target);
      if (!set) this.importedBy.set(target, (set = new Set()));
      set.add(file);
    }
  }

  remove(file: string): void {
    for (const target of this.importsOf.get(file) ?? []) this.importedBy.get(target)?.delete(file);
    this.importsOf.delete(file);
  }

  /**
   * The files the index read that no project file imports: their texts are needed again only if
   * they change (when they are read again anyway).
   */
  unimported(): string[] {
    return [...this.importsOf.keys()].filter((file) => !this.importedBy.get(file)?.size);
  }

  importers(file: string): ReadonlySet<string> {
    return this.importedBy.get(file) ?? new Set();
  }

  /** The files that import `file` directly or through other modules. */
  transitiveImporters(file: string): Set<string> {
    const out = new Set<string>();
    const stack = [file];
    while (stack.length) {
      for (const importer of this.importers(stack.pop()!)) {
        if (!out.has(importer) && importer !== file) {
          out.add(importer);
          stack.push(importer);
        }
      }
    }
    return out;
  }

  /** A library module: another project file imports it and it has no `__main__` block. */
  isLibrary(file: string): boolean {
    if (this.importers(file).size === 0) return false;
    const text = this.store.texts.read(file);
    return text !== undefined && !hasMainGuard(text);
  }
}
