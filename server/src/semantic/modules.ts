// The project's own modules as the interpreter sees them: parsed source it can run, found by a
// host (server/src/project/) that knows files and import roots. The interpreter itself never
// touches the file system.
import { PyNode, SourceText } from '../parser/syntax';
import { LineIndex } from '../engine/text';

export interface ModuleUnit {
  /** Absolute path of the module's file (for a namespace package: its folder). */
  readonly path: string;
  /** How output names the module: a path relative to the project root, `/`-separated. */
  readonly display: string;
  readonly root: PyNode;
  readonly source: SourceText;
  readonly lines: LineIndex;
}

export interface ModuleHost {
  /** The module being analysed (the entry point of this program). */
  readonly entryPath: string;
  /**
   * The project module `import dotted` (with `level` leading dots) names when written in the
   * module at `fromPath`, parsed; undefined for libraries and for names that are not project files.
   */
  resolve(fromPath: string, dotted: string, level: number): ModuleUnit | undefined;
  /** The submodule `name` of the package whose module is at `packagePath` (`pkg/__init__.py` or a namespace folder). */
  submodule(packagePath: string, name: string): ModuleUnit | undefined;
}

/** A located node of another module: what output needs to name it. */
export interface ForeignLocation {
  readonly module: ModuleUnit;
  readonly node: PyNode;
}

export function rootOf(node: PyNode): PyNode {
  let current = node;
  while (current.parent) current = current.parent;
  return current;
}
