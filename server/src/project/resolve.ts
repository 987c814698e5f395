// Module resolution: which of the project's own `.py` files an `import` names. Roots are tried
// in order (the importing file's folder, the project root, its `src/`, configured `src`
// folders), as Python's sys.path and pyright's extraPaths do. Virtual environments and
// site-packages are never searched: third-party libraries are the ML tables' job.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Files that mark a project root (the nearest folder upward holding one). */
export const PROJECT_MARKERS = ['pyproject.toml', 'holdout.toml', 'setup.cfg', 'setup.py', '.git'];

/** Folder names never searched for modules. */
const ENVIRONMENT_DIRS = new Set(['site-packages', 'dist-packages', '.venv', 'venv', 'env', '.env', 'node_modules', '__pycache__', '.tox', '.nox']);

/** What resolution needs to know about the file system (the language server overlays open documents). */
export interface FileProbe {
  isFile(file: string): boolean;
  isDirectory(dir: string): boolean;
  /** Whether a folder holds any `.py` file or sub-folder (a namespace package must hold something). */
  hasPython(dir: string): boolean;
}

/** The entry at a path, or undefined for any failure: absent, a file where a folder is expected (ENOTDIR), no permission. */
function statOf(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

export const DISK: FileProbe = {
  isFile: (file) => statOf(file)?.isFile() ?? false,
  isDirectory: (dir) => statOf(dir)?.isDirectory() ?? false,
  hasPython: (dir) => {
    try {
      return fs.readdirSync(dir, { withFileTypes: true }).some((e) => (e.isFile() && e.name.endsWith('.py')) || (e.isDirectory() && !e.name.startsWith('.') && !ENVIRONMENT_DIRS.has(e.name)));
    } catch {
      return false;
    }
  },
};

/**
 * The disk, each answer remembered (resolution asks the same questions for every importing file);
 * `invalidate` forgets them when files are created or deleted (the language server's watcher).
 */
export class CachedProbe implements FileProbe {
  private readonly answers = new Map<string, boolean>();

  constructor(private readonly probe: FileProbe = DISK) {}

  private ask(kind: string, p: string, question: (p: string) => boolean): boolean {
    const key = `${kind}\0${p}`;
    let answer = this.answers.get(key);
    if (answer === undefined) this.answers.set(key, (answer = question(p)));
    return answer;
  }

  isFile(file: string): boolean {
    return this.ask('f', file, (p) => this.probe.isFile(p));
  }

  isDirectory(dir: string): boolean {
    return this.ask('d', dir, (p) => this.probe.isDirectory(p));
  }

  hasPython(dir: string): boolean {
    return this.ask('p', dir, (p) => this.probe.hasPython(p));
  }

  invalidate(): void {
    this.answers.clear();
  }
}

/** The nearest folder at or above `dir` holding a project marker, else `fallback` (the checked path or workspace folder). */
export function findProjectRoot(dir: string, fallback: string = dir, probe: Pick<FileProbe, 'isFile' | 'isDirectory'> = DISK): string {
  let current = path.resolve(dir);
  for (;;) {
    if (PROJECT_MARKERS.some((m) => probe.isFile(path.join(current, m)) || probe.isDirectory(path.join(current, m)))) return current;
    const parent = path.dirname(current);
    if (parent === current) return path.resolve(fallback);
    current = parent;
  }
}

/** A resolved module: a file (`a/b.py`, `a/__init__.py`) or a namespace package folder (no file). */
export interface ResolvedModule {
  /** The module's file; for a namespace package, its folder. */
  path: string;
  kind: 'file' | 'package' | 'namespace';
}

function isEnvironmentPath(file: string): boolean {
  return file.split(path.sep).some((part) => ENVIRONMENT_DIRS.has(part));
}

/** `a.b` under one root: `a/b.py`, `a/b/__init__.py`, or a namespace folder `a/b/`. */
function underRoot(root: string, parts: readonly string[], probe: FileProbe, allowNamespace: boolean): ResolvedModule | undefined {
  if (parts.length === 0 || parts.some((p) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(p))) return undefined;
  const base = path.join(root, ...parts);
  if (probe.isFile(path.join(base, '__init__.py'))) return { path: path.join(base, '__init__.py'), kind: 'package' };
  if (probe.isFile(`${base}.py`)) return { path: `${base}.py`, kind: 'file' };
  if (allowNamespace && probe.isDirectory(base) && probe.hasPython(base)) return { path: base, kind: 'namespace' };
  return undefined;
}

export class ModuleResolver {
  constructor(
    /** Project roots after the importing file's folder: the project root, its `src/`, configured folders. */
    readonly roots: readonly string[],
    private readonly probe: FileProbe = DISK,
    /** Top-level names of libraries the tables know: only a real file (not a bare folder) shadows them. */
    private readonly knownLibrary: (top: string) => boolean = () => false,
  ) {}

  /**
   * Resolves `import dotted` / `from <dots>dotted import …` written in `fromFile` (a file, or a
   * namespace folder). `level` is the number of leading dots (0: absolute).
   */
  resolve(fromFile: string, dotted: string, level: number): ResolvedModule | undefined {
    const parts = dotted ? dotted.split('.') : [];
    if (level > 0) {
      let dir = path.dirname(fromFile);
      for (let i = 1; i < level; i++) dir = path.dirname(dir);
      if (parts.length === 0) {
        if (this.probe.isFile(path.join(dir, '__init__.py'))) return { path: path.join(dir, '__init__.py'), kind: 'package' };
        return this.probe.isDirectory(dir) ? { path: dir, kind: 'namespace' } : undefined;
      }
      return underRoot(dir, parts, this.probe, true);
    }
    if (parts.length === 0) return undefined;
    const allowNamespace = !this.knownLibrary(parts[0]);
    const seen = new Set<string>();
    for (const root of [path.dirname(fromFile), ...this.roots]) {
      if (seen.has(root) || isEnvironmentPath(root)) continue;
      seen.add(root);
      const found = underRoot(root, parts, this.probe, allowNamespace);
      if (found && !isEnvironmentPath(found.path)) return found;
    }
    return undefined;
  }
}

/** The module roots of a project: its root, `src/` when present, and configured `src` folders. */
export function projectRoots(projectRoot: string, configured: readonly string[] = [], probe: Pick<FileProbe, 'isDirectory'> = DISK): string[] {
  const roots = [projectRoot];
  const src = path.join(projectRoot, 'src');
  if (probe.isDirectory(src)) roots.push(src);
  for (const extra of configured) {
    const dir = path.resolve(projectRoot, extra);
    if (!roots.includes(dir)) roots.push(dir);
  }
  return roots;
}
