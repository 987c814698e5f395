// The experiment graph: snapshots (Mermaid, DOT, JSON) of the examples and the graph fixtures
// (test/fixtures/graph/, scripts and notebooks), node locations that lead back to their code,
// the paths findings colour, and `holdout graph` itself.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG } from '../../server/src/engine/config';
import { LineIndex } from '../../server/src/engine/text';
import { analyseText } from '../../server/src/experiment/analyse';
import { AnalysedProgram, GraphDocument, graphDocument, Location } from '../../server/src/experiment/document';
import { renderDot } from '../../server/src/experiment/dot';
import { renderMermaid } from '../../server/src/experiment/mermaid';
import { parseIpynb } from '../../server/src/notebook';
import { EXAMPLES, FIXTURES, REPO_ROOT } from '../helpers/paths';
import { runHoldout } from '../cli/cli-helpers';
import { matchSnapshotIn } from '../helpers/snapshots';

const matchSnapshot = (name: string, actual: string): void => matchSnapshotIn('test/experiment/snapshots', name, actual);

const GRAPH_FIXTURES = path.join(FIXTURES, 'graph');

function inputs(): string[] {
  const list = (dir: string): string[] => fs.readdirSync(dir).filter((f) => /\.(py|ipynb)$/.test(f)).sort().map((f) => path.join(dir, f));
  return [...list(EXAMPLES), ...list(path.join(EXAMPLES, 'notebooks')), ...list(GRAPH_FIXTURES)];
}

function analysed(file: string): AnalysedProgram {
  const rel = path.relative(REPO_ROOT, file).split(path.sep).join('/');
  const result = analyseText(rel, fs.readFileSync(file, 'utf8'), { config: DEFAULT_CONFIG });
  assert.ok(!('error' in result), `${rel} could not be analysed`);
  return result;
}

/** The text a location points at: the script's line, or the notebook cell's line. */
function textAt(file: string, location: Location): string {
  const text = fs.readFileSync(file, 'utf8');
  let source = text;
  if (location.cell !== undefined) {
    const parsed = parseIpynb(text);
    assert.ok(parsed.ok);
    source = parsed.notebook.cells[location.cell - 1].source;
  }
  const lines = new LineIndex(source);
  return lines.lineText(location.line - 1).slice(location.column - 1);
}

describe('experiment graph snapshots', () => {
  for (const file of inputs()) {
    const name = path.relative(REPO_ROOT, file).split(path.sep).join('__');
    it(`${name}: Mermaid, DOT and JSON`, () => {
      const doc = graphDocument(analysed(file));
      matchSnapshot(`${name}.mmd`, renderMermaid(doc));
      matchSnapshot(`${name}.dot`, renderDot(doc));
      matchSnapshot(`${name}.json`, JSON.stringify(doc, null, 2) + '\n');
    });
  }
});

describe('experiment graph structure', () => {
  for (const file of inputs()) {
    const name = path.relative(REPO_ROOT, file);
    it(`${name}: every node's location points at its code; ids are unique; edges join nodes`, () => {
      const doc = graphDocument(analysed(file));
      const ids = new Set(doc.nodes.map((n) => n.id));
      assert.equal(ids.size, doc.nodes.length);
      for (const node of doc.nodes) {
        const start = node.code.replace(/…$/, '').slice(0, 20);
        const at = textAt(file, node.location).replace(/\s+/g, ' ');
        assert.ok(at.startsWith(start), `${node.id}: line ${node.location.line} reads '${at}', expected '${start}…'`);
      }
      for (const edge of doc.edges) assert.ok(ids.has(edge.from) && ids.has(edge.to), `${edge.from} -> ${edge.to}`);
      for (const finding of doc.findings) for (const id of finding.nodes) assert.ok(ids.has(id));
    });
  }

  it('the README and docs/experiment-graph.md show the current graph of examples/churn_leaky.py', () => {
    const mermaid = renderMermaid(graphDocument(analysed(path.join(EXAMPLES, 'churn_leaky.py')))).trimEnd();
    for (const doc of ['README.md', 'docs/experiment-graph.md']) {
      assert.ok(fs.readFileSync(path.join(REPO_ROOT, doc), 'utf8').includes('```mermaid\n' + mermaid + '\n```'), `${doc}: paste the output of holdout graph examples/churn_leaky.py`);
    }
  });

  it('is deterministic: the same program gives the same graph', () => {
    const file = path.join(EXAMPLES, 'churn_leaky.py');
    assert.equal(JSON.stringify(graphDocument(analysed(file))), JSON.stringify(graphDocument(analysed(file))));
  });
});

const kindsOnPath = (doc: GraphDocument, rule: string): string[] => {
  const finding = doc.findings.find((f) => f.rule === rule);
  assert.ok(finding, `no ${rule} finding`);
  return finding.nodes.map((id) => { const n = doc.nodes.find((x) => x.id === id)!; return n.kind === 'part' ? `${n.part} part` : n.kind; });
};

describe('finding paths', () => {
  it('fit-before-split: loaded → fitted → split → the test part → its evaluation, not the training side', () => {
    const doc = graphDocument(analysed(path.join(GRAPH_FIXTURES, 'fit_before_split.py')));
    assert.deepEqual(kindsOnPath(doc, 'fit-before-split'), ['source', 'fitted', 'split', 'test part', 'evaluation']);
    const model = doc.nodes.find((n) => n.kind === 'model')!;
    assert.equal(model.severity, undefined);
    assert.equal(doc.nodes.find((n) => n.kind === 'fitted')!.severity, 'error');
  });

  it('test-in-selection: the test part → the evaluation → the choice', () => {
    const doc = graphDocument(analysed(path.join(GRAPH_FIXTURES, 'test_selection_loop.py')));
    const finding = doc.findings.find((f) => f.rule === 'test-in-selection' && f.nodes.some((id) => id.startsWith('choice')))!;
    assert.deepEqual(finding.nodes, ['split_L6_test', 'eval_L10', 'choice_L11']);
  });

  it('a clean program has no coloured node or edge', () => {
    const doc = graphDocument(analysed(path.join(GRAPH_FIXTURES, 'clean_validation.py')));
    assert.ok(doc.nodes.length > 5);
    assert.ok(doc.nodes.every((n) => !n.severity) && doc.edges.every((e) => !e.severity));
  });

  it('--only-findings keeps exactly the nodes and edges on paths', () => {
    const program = analysed(path.join(EXAMPLES, 'churn_leaky.py'));
    const all = graphDocument(program);
    const only = graphDocument(program, { onlyFindings: true });
    assert.deepEqual(only.nodes.map((n) => n.id), all.nodes.filter((n) => n.findings.length).map((n) => n.id));
    assert.deepEqual(only.edges.length, all.edges.filter((e) => e.findings.length).length);
    assert.ok(!only.nodes.some((n) => n.kind === 'model'));
  });

  it('notebook nodes are placed by cell', () => {
    const doc = graphDocument(analysed(path.join(GRAPH_FIXTURES, 'notebook_selection.ipynb')));
    const choice = doc.nodes.find((n) => n.kind === 'choice')!;
    assert.deepEqual([choice.id, choice.location.cell, choice.location.line], ['choice_c6_L1', 6, 1]);
  });
});

describe('holdout graph', () => {
  it('prints Mermaid by default, DOT and JSON on request', () => {
    const mermaid = runHoldout(['graph', 'examples/churn_leaky.py'], { cwd: REPO_ROOT });
    assert.equal(mermaid.status, 0, mermaid.stderr);
    assert.match(mermaid.stdout, /^flowchart TD\n/);
    assert.match(mermaid.stdout, /fit_L17\["fitted: StandardScaler<br\/><small>line 17<\/small>"\]/);
    const dot = runHoldout(['graph', '--format', 'dot', 'examples/churn_leaky.py'], { cwd: REPO_ROOT });
    assert.match(dot.stdout, /^digraph experiment \{/);
    const json = JSON.parse(runHoldout(['graph', '--format', 'json', 'examples/churn_leaky.py'], { cwd: REPO_ROOT }).stdout);
    assert.equal(json.version, 1);
    assert.equal(json.graphs[0].file, 'examples/churn_leaky.py');
  });

  it('--only-findings, folders, and errors', () => {
    const only = runHoldout(['graph', '--only-findings', 'examples/churn_leaky.py'], { cwd: REPO_ROOT });
    assert.doesNotMatch(only.stdout, /model_L27/);
    const folder = runHoldout(['graph', 'examples/notebooks'], { cwd: REPO_ROOT });
    assert.equal(folder.status, 0);
    assert.match(folder.stdout, /cell \d+, line \d+/);
    const missing = runHoldout(['graph', 'no/such/file.py'], { cwd: REPO_ROOT });
    assert.equal(missing.status, 2);
    const format = runHoldout(['graph', '--format', 'svg', 'examples/churn_leaky.py'], { cwd: REPO_ROOT });
    assert.equal(format.status, 2);
    assert.match(format.stderr, /unknown format 'svg'/);
  });
});

// Whole-project analysis: nodes in the project's other modules are placed in their module and
// named by it; `--per-file` keeps each file on its own.
describe('holdout graph across modules', () => {
  const PROJECTS = path.join(FIXTURES, 'projects');
  const graphOf = (args: string[]): GraphDocument => {
    const run = runHoldout(['graph', '--format', 'json', ...args], { cwd: PROJECTS });
    assert.equal(run.status, 0, run.stderr);
    return JSON.parse(run.stdout).graphs[0];
  };
  const lineOf = (file: string, line: number): string => fs.readFileSync(file, 'utf8').split('\n')[line - 1];

  it('a scaler fitted in a helper module is a node of that module, on the leaking path', () => {
    const doc = graphOf(['fit-helper/train_leaky.py']);
    const fitted = doc.nodes.find((n) => n.kind === 'fitted')!;
    assert.equal(fitted.id, 'fit_prep_L6');
    assert.deepEqual([fitted.location.module, fitted.location.line, fitted.location.cell], ['prep.py', 6, undefined]);
    assert.equal(fitted.location.file, path.join(PROJECTS, 'fit-helper', 'prep.py'));
    assert.ok(lineOf(fitted.location.file, fitted.location.line).slice(fitted.location.column - 1).startsWith(fitted.code));
    assert.equal(fitted.severity, 'error');
    assert.deepEqual(kindsOnPath(doc, 'fit-before-split'), ['source', 'fitted', 'split', 'test part', 'evaluation']);
    // The analysed file's own nodes keep the file as given.
    assert.equal(doc.nodes.find((n) => n.kind === 'split')!.location.file, 'fit-helper/train_leaky.py');
  });

  it('Mermaid names the module; --per-file does not follow the import', () => {
    const mermaid = runHoldout(['graph', 'fit-helper/train_leaky.py'], { cwd: PROJECTS }).stdout;
    assert.match(mermaid, /fit_prep_L6\["fitted: StandardScaler<br\/><small>prep\.py, line 6<\/small>"\]/);
    const alone = graphOf(['--per-file', 'fit-helper/train_leaky.py']);
    assert.ok(alone.nodes.every((n) => n.location.module === undefined && n.kind !== 'fitted'));
  });

  it('an evaluation in a scoring helper feeds the choice in the entry script', () => {
    const doc = graphOf(['scorer-loop/tune.py']);
    const finding = doc.findings.find((f) => f.rule === 'test-in-selection')!;
    assert.deepEqual(finding.nodes, ['split_L8_test', 'eval_metrics_L5', 'choice_L13']);
    const evaluation = doc.nodes.find((n) => n.id === 'eval_metrics_L5')!;
    assert.equal(evaluation.location.module, 'metrics.py');
    assert.match(lineOf(evaluation.location.file, evaluation.location.line), /accuracy_score/);
  });

  it('a notebook importing a module: cells and the module placed side by side', () => {
    const doc = graphOf(['notebook-helper/analysis.ipynb']);
    const statistic = doc.nodes.find((n) => n.kind === 'statistic')!;
    assert.deepEqual([statistic.id, statistic.location.module, statistic.location.cell], ['stat_normalise_L2', 'normalise.py', undefined]);
    assert.ok(doc.nodes.some((n) => n.location.cell !== undefined));
  });

  it('checklist evidence in another module names it', () => {
    const run = runHoldout(['checklist', '--format', 'json', 'scorer-loop/tune_validation.py'], { cwd: PROJECTS });
    const item = JSON.parse(run.stdout).checklists[0].items.find((i: { id: string }) => i.id === 'test-used-once');
    assert.equal(item.answer, 'yes');
    assert.deepEqual(item.evidence.map((e: { location: Location }) => [e.location.module, e.location.line]), [['metrics.py', 5]]);
    const text = runHoldout(['checklist', 'scorer-loop/tune_validation.py'], { cwd: PROJECTS }).stdout;
    assert.match(text, /metrics\.py, line 5: evaluated on the test part/);
  });
});
