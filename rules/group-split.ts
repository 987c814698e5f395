// group-split: a row-level split of data whose rows share a group (patient, speaker, user…).
import { Rule, RuleContext } from '../server/src/engine/rule';
import { PyNode } from '../server/src/parser/syntax';
import { ColumnNote, columnNotes, FRAME } from '../server/src/semantic/column-book';
import { EventOf } from '../server/src/semantic/events';
import { groupEntity, isKeyLikeColumn, looseName } from '../server/src/semantic/naming';
import { groupSplitFixes } from './fixes/group-split-fix';

/** Roles that show the code itself treats a column as a group of rows. */
const GROUP_EVIDENCE: Readonly<Partial<Record<ColumnNote['role'], (column: string) => string>>> = {
  'group-split': (c) => `${c} used as the groups of a split here`,
  grouped: (c) => `rows grouped by ${c} here`,
  deduplicated: (c) => `rows deduplicated by ${c} here`,
  counted: (c) => `distinct ${c} values counted here`,
};

export interface GroupColumn {
  name: string;
  /** Where the code treats it as a group, or where another row key of the same rows is seen. */
  evidence: { node: PyNode; message: string }[];
  /** A note on the column that names its frame (`df` in `df['patient_id']`), for the fix. */
  frame?: PyNode;
}

const rule: Rule = {
  id: 'group-split',
  defaultSeverity: 'warning',
  fix: 'unsafe',
  docs: {
    summary: 'A row-level random split of data whose rows share a group id (patient, speaker, user…).',
    whatItDoes:
      'Reports `train_test_split`, `KFold`/`StratifiedKFold`/`ShuffleSplit`/`StratifiedShuffleSplit`/`RepeatedKFold`/`LeaveOneOut`, `cross_val_score`/`cross_validate`/`GridSearchCV` with such a `cv` (or a number of folds), `random_split` and `df.sample(frac=…)` splits of data that has a grouping column, when neither a group-aware splitter nor `groups=` is used. A column counts as a grouping column when its name is in the group-column list (`patient_id`, `subject`, `speaker`, `user_id`, `session_id`, `video_id`, `site`, `domain`, `author`, … configurable with `group-columns` / `extend-group-columns`) and the code shows that rows share it: it groups by it (`groupby`), counts its distinct values (`nunique()`, `unique()`, `value_counts()`), deduplicates by it, uses it as `groups=` elsewhere, or the same rows have another row key (`image_id`, `file_path`, `encounter_id`) next to it (read anywhere, also by a `Dataset` class from each row: `self.df.loc[idx, "image_id"]`). Not reported: group-aware splits (`GroupShuffleSplit`, `GroupKFold`, `StratifiedGroupKFold`, `LeaveOneGroupOut`, `LeavePGroupsOut`, `groups=`), a split of the unique group ids followed by `isin` selection, data made one row per group first (`groupby(id).agg(…)`, `drop_duplicates(id)`), an id that is the only key of its table (one row per entity, like a customer table), and `train_test_split(shuffle=False)`.',
    whyBad:
      'Group leakage occurs when related examples are split across training and evaluation sets: the same user, patient, document or video appears in several splits. If images from the same patient appear in both the training and the test set, the model may learn patient-specific artifacts, and the test score does not measure generalization to new patients. Use group-based splitting when the deployment task requires generalization to new groups — the checklist question is "Are related examples grouped correctly?"',
    example: [
      'scans = pd.read_csv("scans.csv")',
      'features = scans.drop(columns=["patient_id", "image_id", "label"])',
      'X_tr, X_te, y_tr, y_te = train_test_split(features, scans["label"], test_size=0.2, random_state=0)',
    ].join('\n'),
    useInstead: [
      'from sklearn.model_selection import GroupShuffleSplit',
      'scans = pd.read_csv("scans.csv")',
      'features = scans.drop(columns=["patient_id", "image_id", "label"])',
      'splitter = GroupShuffleSplit(n_splits=1, test_size=0.2, random_state=0)',
      'train_idx, test_idx = next(splitter.split(features, scans["label"], groups=scans["patient_id"]))',
    ].join('\n'),
    fixSafety:
      'Unsafe: the fix changes which rows are held out, so the scores change (they become honest). `train_test_split` becomes `GroupShuffleSplit(n_splits=1, test_size=…, random_state=…)` and `next(splitter.split(X, y, groups=df[col]))`, with the parts taken by `.take(idx, axis=0)` into the same variables (`stratify=` is dropped: the splitter has no such option); `KFold` becomes `GroupKFold(n_splits=…)` and `StratifiedKFold` becomes `StratifiedGroupKFold`, with `groups=` added where the splitter is used. It needs the frame the group column was read from to still hold it at the split.',
  },
  check(context: RuleContext): void {
    const groupNames = new Set(context.groupColumns.map(looseName));
    for (const event of context.model.eventsOf('split')) {
      if (event.byIndex) continue; // the split itself is judged where it is made
      const method = event.split.method;
      if (!method || !method.rowLevel || method.grouped) continue;
      if (method.api === 'train_test_split' && !method.shuffled) continue;
      const group = groupColumnOf(event, groupNames);
      if (!group) continue;
      const entity = groupEntity(group.name);
      const related = [...group.evidence];
      if (method.splitter) related.push({ node: method.splitter.site, message: 'this splitter divides rows, not groups' });
      context.report({
        node: event.site,
        message: `Split by rows, but rows share ${group.name}: one ${entity} can be on both sides; the score is not for new ${entity}s.`,
        related,
        fixes: groupSplitFixes(context, event, group),
      });
    }
  },
};

/** The grouping column of the rows a split divides, with the evidence for it; undefined when weak. */
export function groupColumnOf(event: EventOf<'split'>, groupNames: ReadonlySet<string>): GroupColumn | undefined {
  // Each column's note lists, input by input: joined only for a column that names a group.
  const notes = new Map<string, (readonly ColumnNote[])[]>();
  for (const input of event.inputs) {
    for (const [column, list] of columnNotes(input)) {
      const lists = notes.get(column);
      if (lists) lists.push(list);
      else notes.set(column, [list]);
    }
  }
  for (const [name, lists] of notes) {
    if (name === FRAME || !groupNames.has(looseName(name))) continue;
    // One row per group already (`groupby(id).agg(…)`, `drop_duplicates(id)`, the unique ids).
    if (event.inputs.some((input) => input.uniqueBy?.some((c) => looseName(c) === looseName(name)))) continue;
    const list = lists.length === 1 ? lists[0] : lists.flat();
    const evidence: GroupColumn['evidence'] = [];
    for (const note of list) {
      // Deduplicating a part after the split is cleaning up that part, not a sign of groups.
      if (note.role === 'deduplicated' && note.site.start > event.site.start) continue;
      const message = GROUP_EVIDENCE[note.role];
      if (message && !evidence.some((e) => e.node === note.site)) evidence.push({ node: note.site, message: message(name) });
    }
    if (!evidence.length) {
      const key = [...notes.keys()].find((other) => other !== FRAME && looseName(other) !== looseName(name) && isKeyLikeColumn(other));
      if (!key) continue; // the only key of its table: one row per entity, as far as the code shows
      evidence.push({ node: notes.get(key)!.flat()[0].site, message: `${key} is another key of the same rows, so several rows share one ${name}` });
    }
    const dropped = list.find((n) => n.role === 'dropped');
    if (dropped) evidence.push({ node: dropped.site, message: `${name} is dropped from the features here, but its rows stay together` });
    evidence.sort((a, b) => a.node.start - b.node.start);
    return { name, evidence: evidence.slice(0, 4), frame: list.find((n) => n.frame)?.frame };
  }
  return undefined;
}

export default rule;
