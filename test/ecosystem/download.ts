// `npm run ecosystem -- --download`: fetches a manifest file at its pinned commit, with the
// repository's other Python modules at that commit, from a remote (a shallow `git fetch`) or from a
// local bare git directory (read in place with `git --git-dir`, no clone).
import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ManifestEntry } from './manifest';

type Git = (...args: string[]) => SpawnSyncReturns<Buffer>;

/** The remote for a repository: `{repo}` is `owner/name`, `{owner}` and `{name}` its two parts. */
export function expandRemote(template: string, repo: string): string {
  const [owner, name] = repo.split('/');
  return template.replaceAll('{repo}', repo).replaceAll('{owner}', owner).replaceAll('{name}', name);
}

function isGitDir(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'HEAD')) && fs.existsSync(path.join(dir, 'objects'));
}

function isUrl(remote: string): boolean {
  return /^[\w+.-]+:\/\//.test(remote) || /^[\w.-]+@[\w.-]+:/.test(remote);
}

function gitIn(dir: string, ...prefix: string[]): Git {
  return (...args) => spawnSync('git', [...prefix, ...args], { cwd: dir, encoding: 'buffer', maxBuffer: 1 << 28 });
}

/**
 * Writes the entry's file and its sibling .py modules below `target`'s repo root: those not there
 * yet and not `reserved` (other manifest files, each written at its own pinned commit).
 */
function extract(git: Git, entry: ManifestEntry, target: string, reserved: ReadonlySet<string>): string | undefined {
  const shown = git('show', `${entry.commit}:${entry.path}`);
  if (shown.status !== 0) return git('cat-file', '-e', `${entry.commit}^{commit}`).status === 0 ? 'not in that commit' : 'commit not found';
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, shown.stdout);
  const root = target.slice(0, target.length - entry.path.length);
  for (const file of git('ls-tree', '-r', '--name-only', '-z', entry.commit).stdout.toString().split('\0')) {
    const local = path.join(root, file);
    if (!file.endsWith('.py') || fs.existsSync(local) || reserved.has(local)) continue;
    const module = git('show', `${entry.commit}:${file}`);
    if (module.status !== 0) continue;
    fs.mkdirSync(path.dirname(local), { recursive: true });
    fs.writeFileSync(local, module.stdout);
  }
  return undefined;
}

/**
 * Fetches `entry` into `target` from `remoteTemplate` (see expandRemote). A URL (`scheme://…`,
 * `user@host:…`) gets a shallow fetch of the pinned commit; a local path must be a git directory
 * (bare, or a checkout's `.git`) and is read in place. Siblings never overwrite a `reserved` path
 * (the manifest's own files). Returns a problem, or undefined when done.
 */
export function download(entry: ManifestEntry, target: string, remoteTemplate: string, reserved: ReadonlySet<string> = new Set()): string | undefined {
  const remote = expandRemote(remoteTemplate, entry.repo);
  if (!isUrl(remote)) {
    const gitDir = [remote, path.join(remote, '.git')].find(isGitDir);
    return gitDir ? extract(gitIn(gitDir, '--git-dir', gitDir), entry, target, reserved) : `no git directory at ${remote}`;
  }
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'holdout-eco-'));
  try {
    const git = gitIn(scratch);
    git('init', '-q');
    const fetched = git('fetch', '-q', '--depth', '1', remote, entry.commit);
    if (fetched.status !== 0) return `git fetch failed: ${fetched.stderr.toString().trim().split('\n').pop()}`;
    return extract(git, entry, target, reserved);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
