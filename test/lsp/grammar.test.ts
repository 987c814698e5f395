// The suppression-comment grammar highlights exactly the directives the engine understands.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers/paths';

const GRAMMAR = path.join(REPO_ROOT, 'syntaxes', 'holdout-suppression.injection.tmLanguage.json');

test('the injection grammar is declared in the manifest and matches the directives', () => {
  const grammar = JSON.parse(fs.readFileSync(GRAMMAR, 'utf8'));
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  const contributed = manifest.contributes.grammars.find((g: { scopeName: string }) => g.scopeName === grammar.scopeName);
  assert.deepEqual(contributed.injectTo, ['source.python']);
  assert.ok(fs.existsSync(path.join(REPO_ROOT, contributed.path)));
  assert.equal(grammar.injectionSelector, 'L:comment.line.number-sign.python');
  // The pattern has no Oniguruma-only syntax, so JavaScript can check it.
  const directive = new RegExp(grammar.repository.directive.match);
  const match = (comment: string): string[] | undefined => directive.exec(comment)?.slice(1).map((g) => g ?? '');
  assert.deepEqual(match('# holdout: ignore[fit-before-split, unseeded-rng]'), ['holdout', ':', 'ignore', '[', 'fit-before-split, unseeded-rng', ']']);
  assert.deepEqual(match('#holdout:ignore-file[unseeded-rng]'), ['holdout', ':', 'ignore-file', '[', 'unseeded-rng', ']']);
  assert.deepEqual(match('# holdout: ignore'), ['holdout', ':', 'ignore', '', '', '']);
  assert.equal(match('# holdout: ignored'), undefined);
  assert.equal(match('# noqa: E501'), undefined);
});
