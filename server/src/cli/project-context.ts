// How the CLI commands follow a file's imports of its project's own modules: the project root
// a checked path implies, and one module store per process (each check worker has its own), so
// modules are read and parsed once per run.
import * as path from 'node:path';
import { LoadedConfig } from '../engine/config-loader';
import { PyNode } from '../parser/syntax';
import { DiskTexts, ProjectSettings } from '../project/module-store';
import { FileProjectContext, Projects } from '../project/project';

let projects: Projects | undefined;

export function sharedProjects(): Projects {
  return (projects ??= new Projects(new DiskTexts()));
}

/** The project of a file, or undefined when each file is a program of its own (`--per-file`). */
export function projectContext(file: string, settings: ProjectSettings | undefined): FileProjectContext | undefined {
  return settings && sharedProjects().contextFor(file, settings);
}

/** The syntax tree of a checked file's text, kept for the run only when project files import it. */
export function projectSyntax(file: string, text: string, project: FileProjectContext): PyNode {
  return sharedProjects().store.syntaxOf(file, text, project.imported);
}

/** The settings for following a file's imports: its configuration's `src` and the checked path it was found under. */
export function projectSettings(file: string, positionals: readonly string[], loaded: LoadedConfig): ProjectSettings {
  return { fallbackRoot: checkedRoot(file, positionals), src: loaded.config.src, base: loaded.dir };
}

/** The checked path a file was found under (a folder, or a file's folder): the project root when no marker says otherwise. */
function checkedRoot(file: string, positionals: readonly string[]): string {
  const absolute = path.resolve(file);
  for (const p of positionals) {
    const dir = path.resolve(p);
    if (absolute === dir) return path.dirname(dir);
    if (absolute.startsWith(dir + path.sep)) return dir;
  }
  return path.dirname(absolute);
}
