// The project's modules, parsed once per content: a module imported by 50 files is parsed once
// per CLI run (per worker) and once per edit in the server. Texts come from a provider (the
// disk, or the language server's open documents over the disk).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parsePython, toSyntax } from '../parser/parser';
import { PyNode, SourceText } from '../parser/syntax';
import { LineIndex } from '../engine/text';
import { decodeSource } from '../engine/source-file';
import { ModuleHost, ModuleUnit } from '../semantic/modules';
import { CachedProbe, findProjectRoot, ModuleResolver, projectRoots, ResolvedModule } from './resolve';
import { LIBRARY_TOP_NAMES } from '../ml/tables';

/** Module files larger than this are not followed (as the server does not analyse such documents). */
const MAX_MODULE_LENGTH = 300_000;

export interface TextProvider {
  /** The file's text, or undefined when it cannot be read (or is not text). */
  read(file: string): string | undefined;
}

/** Reads files from disk once per provider (a CLI run sees one state of the files). */
export class DiskTexts implements TextProvider {
  private readonly cache = new Map<string, string | undefined>();

  read(file: string): string | undefined {
    if (this.cache.has(file)) return this.cache.get(file);
    let text: string | undefined;
    try {
      const decoded = decodeSource(fs.readFileSync(file));
      text = decoded.ok ? decoded.text : undefined;
    } catch {
      text = undefined;
    }
    this.cache.set(file, text);
    return text;
  }

  /** Forgets a file (it changed on disk, or its text is not needed any more: read again if it is). */
  invalidate(file: string): void {
    this.cache.delete(file);
  }

  /** How many files' texts (or unreadable marks) are kept. */
  get size(): number {
    return this.cache.size;
  }
}

interface Parsed {
  text: string;
  unit: ModuleUnit;
}

export interface ProjectSettings {
  /** Extra module roots, relative to `base` (`[tool.holdout] src`). */
  src?: readonly string[];
  base?: string;
  /** Where the project root search stops when no marker is found (the checked path or workspace folder). */
  fallbackRoot?: string;
}

export class ModuleStore {
  private readonly parsed = new Map<string, Parsed>();
  private readonly resolvers = new Map<string, { root: string; resolver: ModuleResolver }>();

  constructor(
    readonly texts: TextProvider,
    private readonly probe: CachedProbe = new CachedProbe(),
  ) {}

  /** Files were created or deleted: the file system is asked again. */
  filesChanged(): void {
    this.probe.invalidate();
  }

  /** The parsed module at a resolved location (a namespace package is an empty module). */
  load(resolved: ResolvedModule, projectRoot: string): ModuleUnit | undefined {
    const text = resolved.kind === 'namespace' ? '' : this.texts.read(resolved.path);
    if (text === undefined || text.length > MAX_MODULE_LENGTH) return undefined;
    return this.unitFor(resolved.path, text, projectRoot);
  }

  private unitFor(file: string, text: string, projectRoot: string): ModuleUnit {
    const hit = this.parsed.get(file);
    if (hit && hit.text === text) return hit.unit;
    const unit: ModuleUnit = {
      path: file,
      display: path.relative(projectRoot, file).split(path.sep).join('/') || path.basename(file),
      root: toSyntax(parsePython(text)),
      source: new SourceText(text),
      lines: new LineIndex(text),
    };
    this.parsed.set(file, { text, unit });
    return unit;
  }

  /**
   * The syntax tree of a file's text. `imported`: project files import it, so the tree is kept
   * and shared with them (parsed once per content). Else it is parsed for this analysis only:
   * keeping every checked file's tree (and what is cached per tree) to the end of a run took a
   * 1,000-file check from ~330 MB to ~1.1 GB peak RSS.
   */
  syntaxOf(file: string, text: string, imported: boolean): PyNode {
    const absolute = path.resolve(file);
    const hit = this.parsed.get(absolute);
    if (!imported && !(hit && hit.text === text)) return toSyntax(parsePython(text));
    return this.unitFor(absolute, text, this.projectFor(path.dirname(absolute)).root).root;
  }

  /** The project root and resolver for files in a folder (cached per folder). */
  projectFor(dir: string, settings: ProjectSettings = {}): { root: string; resolver: ModuleResolver } {
    const key = `${dir}\0${settings.base ?? ''}\0${(settings.src ?? []).join('\0')}\0${settings.fallbackRoot ?? ''}`;
    let entry = this.resolvers.get(key);
    if (!entry) {
      const root = findProjectRoot(dir, settings.fallbackRoot ?? dir, this.probe);
      const extra = (settings.src ?? []).map((s) => path.resolve(settings.base ?? root, s));
      const resolver = new ModuleResolver(projectRoots(root, extra, this.probe), this.probe, (top) => LIBRARY_TOP_NAMES.has(top));
      this.resolvers.set(key, (entry = { root, resolver }));
    }
    return entry;
  }

  /** What the interpreter uses to follow the imports of the file at `entryPath`. */
  hostFor(entryPath: string, settings: ProjectSettings = {}): ModuleHost {
    const absolute = path.resolve(entryPath);
    const { root, resolver } = this.projectFor(path.dirname(absolute), settings);
    const load = (resolved: ResolvedModule | undefined): ModuleUnit | undefined =>
      resolved && resolved.path !== absolute ? this.load(resolved, root) : undefined;
    return {
      entryPath: absolute,
      resolve: (fromPath, dotted, level) => {
        const resolved = resolver.resolve(fromPath, dotted, level);
        // The analysed file itself (a cycle back to it) is the program's own top level.
        if (resolved?.path === absolute) return { path: absolute } as ModuleUnit;
        return load(resolved);
      },
      submodule: (packagePath, name) => {
        // A plain module (`functions.py`) has no submodules: `f.missing` is just an unknown attribute.
        if (packagePath.endsWith('.py') && path.basename(packagePath) !== '__init__.py') return undefined;
        const inside = packagePath.endsWith('__init__.py') ? packagePath : path.join(packagePath, '__init__.py');
        return load(resolver.resolve(inside, name, 1));
      },
    };
  }
}
