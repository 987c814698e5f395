// Holdout's version, for `holdout --version`, SARIF output and the server's serverInfo.
declare const HOLDOUT_VERSION: string | undefined;

/**
 * The bundles (scripts/bundle.mjs: dist/server.js, dist/cli/) have it compiled in, since
 * package.json is not where a relative path from them would look; the compiled sources in
 * out/server/src/engine/ read the repository's package.json.
 */
export const VERSION: string = typeof HOLDOUT_VERSION === 'string' ? HOLDOUT_VERSION : readPackageVersion();

function readPackageVersion(): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('../../../../package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
