// The checklist: one fixture per answer per question (test/fixtures/checklist/). A fixture says
// `# checklist: <question> = <answer>` and marks each line the answer must cite with
// `# evidence: <question>`; the cited lines must be exactly those.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG } from '../../server/src/engine/config';
import { analyseText } from '../../server/src/experiment/analyse';
import { answerChecklist, QUESTIONS } from '../../server/src/experiment/checklist';
import { checklistDocument } from '../../server/src/experiment/document';
import { FIXTURES, REPO_ROOT } from '../helpers/paths';
import { runHoldout } from '../cli/cli-helpers';

const DIR = path.join(FIXTURES, 'checklist');

function analysed(file: string, text = fs.readFileSync(file, 'utf8')) {
  const result = analyseText(file, text, { config: DEFAULT_CONFIG });
  assert.ok(!('error' in result));
  return result;
}

describe('checklist fixtures', () => {
  const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.py')).sort();
  for (const name of files) {
    const file = path.join(DIR, name);
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const expected = lines.flatMap((l) => {
      const m = /^# checklist: (\S+) = (.+)$/.exec(l);
      return m ? [{ id: m[1], answer: m[2] }] : [];
    });
    it(`${name}: ${expected.map((e) => `${e.id} = ${e.answer}`).join(', ')}`, () => {
      assert.ok(expected.length, 'the fixture declares no expected answer');
      const doc = checklistDocument(analysed(file));
      for (const { id, answer } of expected) {
        const item = doc.items.find((i) => i.id === id);
        assert.ok(item, `no question ${id}`);
        assert.equal(item.answer, answer, `${id}: ${item.reason}`);
        const cited = [...new Set(item.evidence.map((e) => e.location.line))].sort((a, b) => a - b);
        const marked = lines.flatMap((l, i) => (l.includes(`# evidence: ${id}`) ? [i + 1] : []));
        assert.deepEqual(cited, marked, `${id}: evidence lines`);
      }
    });
  }

  it('covers yes, no and not detected for every question a built rule or the model answers', () => {
    const declared = new Set<string>();
    for (const name of files) for (const l of fs.readFileSync(path.join(DIR, name), 'utf8').split('\n')) {
      const m = /^# checklist: (\S+) = (.+)$/.exec(l);
      if (m) declared.add(`${m[1]}=${m[2]}`);
    }
    for (const q of QUESTIONS) {
      const answers = declared.has(`${q.id}=not checked`) ? ['not checked'] : ['yes', 'no', 'not detected'];
      for (const a of answers) assert.ok(declared.has(`${q.id}=${a}`), `no fixture answers ${q.id} with ${a}`);
    }
  });
});

describe('questions whose rules are not built yet', () => {
  const text = ['import pandas as pd', 'from sklearn.model_selection import train_test_split', 'df = pd.read_csv("x.csv")', 'train, test = train_test_split(df, random_state=0)', ''].join('\n');

  it('answer once the rule is registered and ran: yes without its findings, no with them', () => {
    const program = analysed('x.py', text);
    const split = text.indexOf('train_test_split(df');
    const ask = (findings: { rule: string; span: { start: number; end: number } }[]) =>
      answerChecklist({ model: program.model, findings: findings.map((f) => ({ ...f, message: 'Groups are split apart.', severity: 'error', related: [], fixes: [] })), registered: ['group-split'], ran: ['group-split'] }).find((i) => i.id === 'groups-kept-together')!;
    assert.equal(ask([]).answer, 'yes');
    const no = ask([{ rule: 'group-split', span: { start: split, end: split + 10 } }]);
    assert.equal(no.answer, 'no');
    assert.equal(no.evidence[0].span.start, split);
  });

  it('a registered rule turned off is not checked', () => {
    const program = analysed('x.py', text);
    const item = answerChecklist({ model: program.model, findings: [], registered: ['temporal-split'], ran: [] }).find((i) => i.id === 'split-respects-time')!;
    assert.equal(item.answer, 'not checked');
    assert.match(item.reason, /turned off/);
  });

  it('a question with two rules answers on the one that exists and says which is missing', () => {
    const program = analysed('x.py', text);
    const item = answerChecklist({ model: program.model, findings: [], registered: ['train-test-overlap'], ran: ['train-test-overlap'] }).find((i) => i.id === 'duplicates-across-splits')!;
    assert.equal(item.answer, 'yes');
    assert.match(item.reason, /resample-before-split not checked yet/);
  });
});

describe('holdout checklist', () => {
  it('prints the answers with evidence lines; JSON and Markdown on request', () => {
    const text = runHoldout(['checklist', 'examples/churn_leaky.py'], { cwd: REPO_ROOT });
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /✗ no {11}Was the split created before preprocessing\?/);
    assert.match(text.stdout, /line 17: fit-before-split: StandardScaler is fitted/);
    const json = JSON.parse(runHoldout(['checklist', '--format', 'json', 'examples/churn_leaky.py'], { cwd: REPO_ROOT }).stdout);
    assert.equal(json.checklists[0].items.length, QUESTIONS.length);
    const md = runHoldout(['checklist', '--format', 'markdown', 'examples/churn_clean.py'], { cwd: REPO_ROOT }).stdout;
    assert.match(md, /\| Was the split created before preprocessing\? \| ✓ yes \|/);
  });
});
