// Finding the files to check: given files as they are, folders searched for Python files and
// notebooks, honouring .gitignore files and skipping environments and build output.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { Ignore } from 'ignore';

export const DEFAULT_SKIPPED_DIRECTORIES = new Set(['.git', '.hg', '.svn', '.venv', 'venv', 'env', '.env', 'site-packages', 'node_modules', '__pycache__', 'build', 'dist', '.tox', '.nox', '.mypy_cache', '.ipynb_checkpoints']);
export const CHECKED_EXTENSIONS = ['.py', '.ipynb'];

export interface Discovery {
  files: string[];
  /** Paths that could not be read, with a one-line reason. */
  errors: { path: string; message: string }[];
}

interface IgnoreLayer {
  base: string;
  rules: Ignore;
}

function gitignoreAt(dir: string): IgnoreLayer | undefined {
  const file = path.join(dir, '.gitignore');
  try {
    return { base: dir, rules: ignore().add(fs.readFileSync(file, 'utf8')) };
  } catch {
    return undefined;
  }
}

function ignored(layers: IgnoreLayer[], file: string, isDir: boolean): boolean {
  for (const layer of layers) {
    const rel = path.relative(layer.base, file).split(path.sep).join('/');
    if (!rel || rel.startsWith('..')) continue;
    if (layer.rules.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

/**
 * The .gitignore files above a folder, up to the root of its git work tree (outermost first),
 * so `holdout check src/` honours the repository's top-level .gitignore. Outside a git work
 * tree none are used.
 */
function ancestorLayers(dir: string): IgnoreLayer[] {
  const layers: IgnoreLayer[] = [];
  let current = path.dirname(path.resolve(dir));
  if (fs.existsSync(path.join(path.resolve(dir), '.git'))) return [];
  for (;;) {
    const layer = gitignoreAt(current);
    if (layer) layers.unshift(layer);
    if (fs.existsSync(path.join(current, '.git'))) return layers;
    const parent = path.dirname(current);
    if (parent === current) return [];
    current = parent;
  }
}

/** Is this folder a Python virtual environment (has pyvenv.cfg)? */
function isVirtualEnv(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'pyvenv.cfg'));
}

export function discoverFiles(paths: string[], exclude: (file: string) => boolean = () => false): Discovery {
  const files: string[] = [];
  const errors: Discovery['errors'] = [];
  const seenDirs = new Set<string>();

  const walk = (dir: string, layers: IgnoreLayer[]): void => {
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch (e) {
      errors.push({ path: dir, message: (e as Error).message });
      return;
    }
    if (seenDirs.has(real)) {
      errors.push({ path: dir, message: 'symbolic link loop: folder already visited' });
      return;
    }
    seenDirs.add(real);
    const own = gitignoreAt(dir);
    const active = own ? [...layers, own] : layers;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      errors.push({ path: dir, message: (e as Error).message });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const stat = fs.statSync(full);
          isDir = stat.isDirectory();
          isFile = stat.isFile();
        } catch {
          continue; // dangling link
        }
      }
      if (isDir) {
        if (DEFAULT_SKIPPED_DIRECTORIES.has(entry.name) || ignored(active, full, true) || exclude(full) || isVirtualEnv(full)) continue;
        walk(full, active);
      } else if (isFile && CHECKED_EXTENSIONS.includes(path.extname(entry.name)) && !ignored(active, full, false) && !exclude(full)) {
        files.push(full);
      }
    }
  };

  for (const given of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(given);
    } catch {
      errors.push({ path: given, message: 'no such file or directory' });
      continue;
    }
    if (stat.isDirectory()) {
      // A folder named on the command line is searched even if an outer .gitignore ignores it.
      const outer = ancestorLayers(given);
      walk(given, ignored(outer, path.resolve(given), true) ? [] : outer);
    } else files.push(given);
  }
  return { files: [...new Set(files)], errors };
}
