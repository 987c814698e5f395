// The reference's "Checklist for Clean Experiments", answered for one program from its semantic
// model and its findings: yes / no / not detected, with the lines that are the evidence. A
// question whose rule is not registered (not built yet) or not run is "not checked".
import { PyNode } from '../parser/syntax';
import { BASELINE_MODELS } from '../ml/tables';
import { Finding, OtherFileLocation, Span } from '../engine/types';
import { relatedAt } from '../engine/other-modules';
import { ProgramModel } from '../semantic/model';
import { testEvaluations } from '../semantic/test-use';

export type Answer = 'yes' | 'no' | 'not detected' | 'not checked';

export interface Evidence {
  readonly span: Span;
  readonly message: string;
  /** Set when the evidence is in another module of the project. */
  readonly file?: OtherFileLocation;
}

export interface ChecklistItem {
  /** Stable id: `split-before-preprocessing`, `test-used-once`… */
  readonly id: string;
  /** The reference's question. */
  readonly question: string;
  /** Why it matters (the reference's second column). */
  readonly why: string;
  readonly answer: Answer;
  /** One sentence: why this answer. */
  readonly reason: string;
  readonly evidence: readonly Evidence[];
  /** The rules the answer rests on. */
  readonly rules: readonly string[];
}

export interface ChecklistInput {
  model: ProgramModel;
  /** All findings of the program (after suppressions). */
  findings: readonly Finding[];
  /** Rule ids registered in `rules/index.ts`. */
  registered: readonly string[];
  /** Rule ids that ran (enabled by the configuration). */
  ran: readonly string[];
}

const MAX_EVIDENCE = 6;

interface Question {
  id: string;
  question: string;
  why: string;
  /** Rules the question needs; when none of them is registered or run, it is not checked. */
  rules: readonly string[];
  answer(input: ChecklistInput, rules: readonly string[]): Omit<ChecklistItem, 'id' | 'question' | 'why' | 'rules'>;
}

/** The reference's questions, in its order. */
export const QUESTIONS: readonly Question[] = [
  {
    id: 'split-before-preprocessing',
    question: 'Was the split created before preprocessing?',
    why: 'Prevents preprocessing leakage',
    rules: ['fit-before-split'],
    answer: (input, rules) => byFindings(input, rules, splitEvidence(input), 'preprocessing is fitted before the split or on the test rows', 'every fitted state and statistic that reaches a split part was learned after the split, on the training rows'),
  },
  {
    id: 'duplicates-across-splits',
    question: 'Are duplicates removed across splits (and no oversampling before the split)?',
    why: 'Prevents memorization',
    rules: ['train-test-overlap', 'resample-before-split'],
    answer: (input, rules) => byFindings(input, rules, splitEvidence(input), 'the same rows can end up on both sides of the split', 'no row is copied into both the training and the test part'),
  },
  {
    id: 'groups-kept-together',
    question: 'Are related examples grouped correctly?',
    why: 'Prevents group leakage',
    rules: ['group-split'],
    answer: (input, rules) => byFindings(input, rules, splitEvidence(input), 'related examples (same patient, user, session…) are split apart', 'no split separates examples of one group'),
  },
  {
    id: 'split-respects-time',
    question: 'Does the split respect time?',
    why: 'Prevents future information leakage',
    rules: ['temporal-split'],
    answer: (input, rules) => byFindings(input, rules, splitEvidence(input), 'the split lets the model train on the future of what it is tested on', 'no split of time-ordered data shuffles the future into training'),
  },
  {
    id: 'test-used-once',
    question: 'Are test scores used only once?',
    why: 'Prevents model-selection bias',
    rules: ['test-in-selection'],
    answer: (input, rules) => {
      const hits = findingsOf(input, rules);
      const tests = testEvaluations(input.model);
      if (hits.length) return no(`the test set is used to choose or compare models (${plural(hits.length, 'finding')})`, evidenceOf(hits));
      if (!tests.length) return notDetected('no evaluation on a test part was found');
      return yes(`${plural(tests.length, 'evaluation')} on the test part; none of them chooses or compares models`, tests.map((e) => relatedAt(input.model, e.score.site, 'evaluated on the test part')));
    },
  },
  {
    id: 'baseline',
    question: 'Is the baseline strong enough?',
    why: 'Prevents exaggerated claims',
    rules: [],
    answer: ({ model }) => {
      const evaluated = evaluatedModels(model);
      const baselines = evaluated.filter((e) => BASELINE_MODELS.includes(e.qname));
      const others = evaluated.filter((e) => !BASELINE_MODELS.includes(e.qname));
      if (!evaluated.length) return notDetected('no model evaluation was found');
      if (baselines.length && others.length) return yes(`a baseline (${names(baselines)}) is evaluated next to ${names(others)}`, evaluationEvidence(model, evaluated));
      if (baselines.length) return notDetected(`only simple models (${names(baselines)}) are evaluated: no stronger model to compare them with`);
      return no(`${names(others)} ${others.length > 1 ? 'are' : 'is'} evaluated without a baseline (a DummyClassifier/DummyRegressor or a simple linear model) next to it`, evaluationEvidence(model, others));
    },
  },
  {
    id: 'metrics-match-costs',
    question: 'Are metrics aligned with costs?',
    why: 'Prevents optimizing the wrong behavior',
    rules: [],
    answer: () => ({ answer: 'not checked', reason: 'only the authors know what errors cost: Holdout cannot answer this', evidence: [] }),
  },
  {
    id: 'seeds-recorded',
    question: 'Are random seeds recorded (and are there repeated runs)?',
    why: 'Supports reproducibility',
    rules: ['unseeded-rng'],
    answer: (input, rules) => {
      const hits = findingsOf(input, rules);
      const seeds = input.model.eventsOf('seed').filter((s) => s.explicit && !s.standalone);
      const repeated = seeds.filter((s) => s.variedIn?.length);
      const runs = repeated.length ? '; runs are repeated over seeds' : '; no loop over seeds (repeated runs) was found';
      if (hits.length) return no(`${plural(hits.length, 'random draw')} without a fixed seed${runs}`, [...evidenceOf(hits), ...repeated.map((s) => ({ span: span(s.site), message: 'the seed changes on each run' }))]);
      if (!seeds.length && !input.model.eventsOf('random').length) return notDetected('no randomness was found');
      return yes(`every random draw is seeded${runs}`, uniqueSites([...repeated, ...seeds]).map((s) => ({ span: span(s.site), message: s.variedIn?.length ? 'the seed changes on each run' : 'seed set' })));
    },
  },
  {
    id: 'failure-slices',
    question: 'Are failure slices inspected?',
    why: 'Reveals hidden weaknesses',
    rules: [],
    answer: ({ model }) => {
      const slices = uniqueSites(model.eventsOf('slice'));
      if (slices.length) return yes(`results are broken down by class or group (${slices.map((s) => s.how).filter(unique).join(', ')})`, slices.map((s) => ({ span: span(s.site), message: `broken down by ${s.how}` })));
      if (!model.eventsOf('evaluate').length) return notDetected('no evaluation was found');
      return no('only overall scores are computed: no per-class report, per-group metric or groupby of errors', []);
    },
  },
];

/** Answers every question of the checklist for a program. */
export function answerChecklist(input: ChecklistInput): ChecklistItem[] {
  return QUESTIONS.map((q) => {
    const registered = q.rules.filter((r) => input.registered.includes(r));
    const ran = registered.filter((r) => input.ran.includes(r));
    const base = { id: q.id, question: q.question, why: q.why, rules: q.rules };
    if (q.rules.length) {
      if (!registered.length) return { ...base, answer: 'not checked', reason: `needs the ${q.rules.join(' / ')} rule${q.rules.length > 1 ? 's' : ''}, which Holdout does not have yet`, evidence: [] };
      if (!ran.length) return { ...base, answer: 'not checked', reason: `${registered.join(' / ')} is turned off in the configuration`, evidence: [] };
    }
    const answered = q.answer(input, ran);
    const missing = q.rules.filter((r) => !ran.includes(r));
    const reason = missing.length && ran.length ? `${answered.reason}; ${missing.join(', ')} not checked yet` : answered.reason;
    return { ...base, ...answered, reason, evidence: answered.evidence.slice(0, MAX_EVIDENCE) };
  });
}

// ---- Answers ---------------------------------------------------------------------------

type Answered = Omit<ChecklistItem, 'id' | 'question' | 'why' | 'rules'>;

const yes = (reason: string, evidence: Evidence[]): Answered => ({ answer: 'yes', reason, evidence });
const no = (reason: string, evidence: Evidence[]): Answered => ({ answer: 'no', reason, evidence });
const notDetected = (reason: string): Answered => ({ answer: 'not detected', reason, evidence: [] });

/** A question answered by a rule's findings: no with them; yes when there is a split to judge. */
function byFindings(input: ChecklistInput, rules: readonly string[], splits: Evidence[], noReason: string, yesReason: string): Answered {
  const hits = findingsOf(input, rules);
  if (hits.length) return no(`${noReason} (${plural(hits.length, 'finding')})`, evidenceOf(hits));
  if (!splits.length) return notDetected('no train/test split was found');
  return yes(yesReason, splits);
}

function findingsOf(input: ChecklistInput, rules: readonly string[]): Finding[] {
  return input.findings.filter((f) => rules.includes(f.rule));
}

function evidenceOf(findings: readonly Finding[]): Evidence[] {
  return findings.map((f) => ({ span: f.span, message: `${f.rule}: ${firstSentence(f.message)}` }));
}

function splitEvidence({ model }: ChecklistInput): Evidence[] {
  return uniqueSites(model.eventsOf('split').filter((s) => !s.standalone && !s.byIndex && model.eventsOf('search').every((x) => x.site !== s.site))).map((s) => ({
    span: span(s.site),
    message: s.split.kind === 'cv' ? 'cross-validation split' : 'train/test split',
  }));
}

/** Models whose score is computed somewhere, one entry per class name. */
function evaluatedModels(model: ProgramModel): { qname: string; site: PyNode }[] {
  const out: { qname: string; site: PyNode }[] = [];
  const scores = [...model.eventsOf('evaluate').map((e) => e.score), ...model.eventsOf('select').flatMap((s) => s.scores)];
  for (const score of scores) {
    for (const est of score.estimators) {
      if (est.kind !== 'model' && est.kind !== 'pipeline' && est.kind !== 'search') continue;
      if (!out.some((o) => o.qname === est.qname)) out.push({ qname: est.qname, site: score.site });
    }
  }
  return out;
}

/** One line per evaluation site, naming the models scored there. */
function evaluationEvidence(model: ProgramModel, models: readonly { qname: string; site: PyNode }[]): Evidence[] {
  const sites = uniqueSites(models);
  return sites.map((s) => relatedAt(model, s.site, `${names(models.filter((m) => m.site === s.site))} evaluated`));
}

// ---- Helpers ---------------------------------------------------------------------------

function uniqueSites<T extends { site: PyNode }>(events: readonly T[]): T[] {
  const out: T[] = [];
  for (const e of events) if (!out.some((o) => o.site === e.site)) out.push(e);
  return out;
}

function unique<T>(value: T, index: number, all: readonly T[]): boolean {
  return all.indexOf(value) === index;
}

const span = (node: PyNode): Span => ({ start: node.start, end: node.end });
const shortName = (qname: string): string => qname.slice(qname.lastIndexOf('.') + 1);
const names = (list: readonly { qname: string }[]): string => list.map((e) => shortName(e.qname)).join(', ');
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function firstSentence(message: string): string {
  const end = message.search(/[.:](\s|$)/);
  return end > 0 ? message.slice(0, end) : message;
}
