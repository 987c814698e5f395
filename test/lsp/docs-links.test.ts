// Documentation links: no web address unless the project says where its docs are published
// ([tool.holdout] docs-url); the VS Code extension (initializationOptions.documentationCommand)
// gets a hover link that opens the page it ships. Against the real binary.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { LEAKY } from './leaky';
import { LspSession, PUSH_CLIENT, withSession } from './session';

async function diagnoseAndHover(s: LspSession, uri: string): Promise<{ href: string | undefined; hover: string }> {
  await s.open(uri, LEAKY);
  const [d] = (await s.nextDiagnostics(uri, (p) => p.diagnostics.length > 0)).diagnostics;
  const hover = await s.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: d.range.start });
  return { href: d.codeDescription?.href, hover: (hover?.contents as MarkupContent).value };
}

test('without docs-url: no codeDescription, and a hover link only for the extension that ships the docs', async () => {
  const uri = 'file:///tmp/holdout-lsp-test/no-docs-url.py';
  await withSession(PUSH_CLIENT, async (s) => {
    const { href, hover } = await diagnoseAndHover(s, uri);
    assert.equal(href, undefined);
    assert.match(hover, /^\*\*fit-before-split\*\*: /);
    assert.doesNotMatch(hover, /documentation\]\(/, hover);
  });
  await withSession(
    PUSH_CLIENT,
    async (s) => {
      const { href, hover } = await diagnoseAndHover(s, uri);
      assert.equal(href, undefined);
      assert.ok(hover.includes(`[fit-before-split documentation](command:holdout.showDocumentation?${encodeURIComponent('["fit-before-split"]')})`), hover);
    },
    { documentationCommand: true },
  );
});

test('with docs-url: the diagnostic and the hover link to the published page', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holdout-docs-url-'));
  try {
    fs.writeFileSync(path.join(dir, 'pyproject.toml'), '[tool.holdout]\ndocs-url = "https://docs.example.org/holdout/{rule}.html"\n');
    const uri = pathToFileURL(path.join(dir, 'train.py')).href;
    await withSession(
      PUSH_CLIENT,
      async (s) => {
        const { href, hover } = await diagnoseAndHover(s, uri);
        assert.equal(href, 'https://docs.example.org/holdout/fit-before-split.html');
        assert.ok(hover.includes('[fit-before-split documentation](https://docs.example.org/holdout/fit-before-split.html)'), hover);
      },
      { documentationCommand: true },
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
