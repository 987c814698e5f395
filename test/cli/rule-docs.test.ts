// Meta-test: every rule documents itself fully, its examples behave as documented, the generated
// docs/rules pages are up to date, and it has fixtures with findings and clean files.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../../rules';
import { rulePages } from '../../server/src/cli/rule-pages';
import { DEFAULT_CONFIG } from '../../server/src/engine/config';
import { lint } from '../../server/src/engine/lint';
import { renderRuleDoc, ruleDocUrl } from '../../server/src/engine/rule-docs';
import { META_RULES } from '../../server/src/engine/suppressions';
import { FIXTURES, REPO_ROOT } from '../helpers/paths';
import { runHoldout } from './cli-helpers';

// Doc examples may leave out imports and the usual data and split, as Ruff's leave out context;
// they are checked with this in front.
const IMPORTS = [
  'import numpy as np',
  'import pandas as pd',
  'from sklearn.model_selection import train_test_split, GridSearchCV',
  'from sklearn.preprocessing import StandardScaler',
  'from sklearn.neighbors import KNeighborsClassifier',
  'from sklearn.linear_model import LogisticRegression',
  '',
].join('\n');
const PRELUDE = IMPORTS + ['X, y = pd.read_csv("data.csv").drop(columns="y"), pd.read_csv("data.csv")["y"]', 'X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)', ''].join('\n');
/** Rules about programs that split nothing: their examples run after the imports alone. */
const WITHOUT_SPLIT = new Set(['no-held-out-data']);

const SECTIONS = ['# ', '## What it does', '## Why is this bad?', '## Example', '## Use instead', '## Fix safety'];

describe('rule documentation', () => {
  for (const rule of [...RULES, ...META_RULES]) {
    describe(rule.id, () => {
      it('has every docs field, non-empty', () => {
        for (const [key, value] of Object.entries(rule.docs)) assert.ok(value.trim().length > 0, `${rule.id}: docs.${key} is empty`);
        assert.ok(rule.docs.summary.length <= 140 && !rule.docs.summary.includes('\n'), 'summary is one short line');
      });

      it('renders the required sections in order', () => {
        const doc = renderRuleDoc({ ...rule, check: () => undefined });
        let at = -1;
        for (const section of SECTIONS) {
          const next = doc.indexOf(section, at + 1);
          assert.ok(next > at, `${rule.id}: section '${section}' missing or out of order`);
          at = next;
        }
      });

      it('links to its page only where docs-url says', () => {
        assert.equal(ruleDocUrl(rule.id, undefined), undefined);
        assert.equal(ruleDocUrl(rule.id, 'https://docs.example.org/holdout/{rule}.html'), `https://docs.example.org/holdout/${rule.id}.html`);
        assert.equal(ruleDocUrl(rule.id, 'https://docs.example.org/rules'), `https://docs.example.org/rules/${rule.id}.md`);
      });
    });
  }

  for (const rule of RULES) {
    it(`${rule.id}: the example is reported and the fixed example is clean`, () => {
      const config = { ...DEFAULT_CONFIG, select: [rule.id] };
      const prelude = WITHOUT_SPLIT.has(rule.id) ? IMPORTS : PRELUDE;
      assert.ok(lint({ text: prelude + rule.docs.example + '\n', config }).findings.length > 0, `${rule.id}: its example has no finding`);
      assert.deepEqual(lint({ text: prelude + rule.docs.useInstead + '\n', config }).findings.map((f) => f.rule), [], `${rule.id}: its "use instead" example is reported`);
    });
  }

  it('invalid-suppression: the example is reported and the fixed example is clean', () => {
    const [invalid] = META_RULES;
    assert.ok(lint({ text: invalid.docs.example + '\n' }).findings.some((f) => f.rule === 'invalid-suppression'));
    assert.deepEqual(lint({ text: invalid.docs.useInstead + '\n' }).findings, []);
  });

  it('unused-suppression: the example is reported with --report-unused-ignores and the fixed example is clean', () => {
    const unused = META_RULES[1];
    const config = { ...DEFAULT_CONFIG, reportUnusedIgnores: true };
    assert.deepEqual(lint({ text: unused.docs.example + '\n', config }).findings.map((f) => f.rule), ['unused-suppression']);
    assert.deepEqual(lint({ text: unused.docs.useInstead + '\n', config }).findings, []);
  });

  it('docs/rules is up to date (run `npm run docs`)', () => {
    const dir = path.join(REPO_ROOT, 'docs', 'rules');
    const pages = rulePages();
    for (const [file, text] of pages) {
      const actual = fs.existsSync(path.join(dir, file)) ? fs.readFileSync(path.join(dir, file), 'utf8') : undefined;
      assert.equal(actual, text, `docs/rules/${file} is out of date: run npm run docs`);
    }
    const extra = fs.readdirSync(dir).filter((f) => f.endsWith('.md') && !pages.has(f));
    assert.deepEqual(extra, [], 'pages for rules that no longer exist');
  });

  it('`holdout rule <id>` prints the rendered page and `holdout rules` lists every rule', () => {
    const rule = RULES[0];
    const shown = runHoldout(['rule', rule.id]);
    assert.equal(shown.status, 0);
    assert.equal(shown.stdout, renderRuleDoc(rule));
    const list = runHoldout(['rules']);
    assert.equal(list.status, 0);
    for (const r of [...RULES, ...META_RULES]) assert.match(list.stdout, new RegExp(`^${r.id} +${r.defaultSeverity} +fix: ${r.fix} `, 'm'));
    const unknown = runHoldout(['rule', 'nope']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown rule 'nope'/);
  });
});

describe('rule fixtures', () => {
  for (const rule of RULES) {
    it(`${rule.id} has fixtures with a finding and clean ones`, () => {
      const dir = path.join(FIXTURES, 'rules', rule.id);
      assert.ok(fs.existsSync(dir), `missing fixture folder test/fixtures/rules/${rule.id}/`);
      const files = fs.readdirSync(dir).filter((f) => f.endsWith('.py') || f.endsWith('.ipynb'));
      const expecting = files.filter((f) => new RegExp(`#\\s*expect:\\s*${rule.id}\\b`).test(fs.readFileSync(path.join(dir, f), 'utf8')));
      const clean = files.filter((f) => !/#\s*expect:/.test(fs.readFileSync(path.join(dir, f), 'utf8')));
      assert.ok(expecting.length >= 1, `${rule.id}: no fixture expects a finding (# expect: ${rule.id})`);
      assert.ok(clean.length >= 1, `${rule.id}: no clean fixture`);
    });
  }
});
