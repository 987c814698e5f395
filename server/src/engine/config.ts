// Resolved configuration: what the CLI and the language server hand to the engine.
import { SeveritySetting } from './types';

export interface HoldoutConfig {
  /** Rules to run (undefined: all). */
  select?: string[];
  /** Rules never to run. */
  ignore: string[];
  /** Per-rule severity overrides; `off` disables the rule. */
  severity: Record<string, SeveritySetting>;
  /** Globs of files not to check. */
  exclude: string[];
  /** Rules ignored per glob of files. */
  perFileIgnores: Record<string, string[]>;
  /** Seed value written by fixes. */
  seed: number;
  /**
   * target-derived-feature's hint: endings of column names known only after the outcome
   * (`cancellation_date` when predicting `cancelled`). Empty: no hints. Default: DEFAULT_OUTCOME_SUFFIXES.
   */
  outcomeSuffixes?: string[];
  /** Extra module roots (relative to the configuration's folder) for the project's own imports. */
  src?: string[];
  /** Report suppression comments that suppress nothing (`unused-suppression`). */
  reportUnusedIgnores?: boolean;
  /** Column names that identify groups of rows (group-split); replaces the built-in list. */
  groupColumns?: string[];
  /** Column names added to the group-column list. */
  extendGroupColumns?: string[];
  /** Infer time order from column names and row-order operations alone (temporal-split; default true). */
  datetimeHeuristics?: boolean;
  /**
   * Severity of transductive preprocessing: statistics over a training table and a separately
   * loaded, unlabelled test table (Kaggle's "concat train + test, then impute"). Default `info`.
   */
  transductive?: SeveritySetting;
  /**
   * Severity of test-in-selection's "test set used many times": several models scored on one
   * test split and compared without an explicit choice in the code. Default `warning`.
   */
  testReuse?: SeveritySetting;
  /**
   * Where the rules' documentation is published: a URL with `{rule}` for the rule id (or a base
   * to which `<rule>.md` is appended). Unset: no web address is given anywhere (the docs ship
   * with the CLI, `holdout rule <id>`, and with the editor extension).
   */
  docsUrl?: string;
}

export const DEFAULT_CONFIG: HoldoutConfig = {
  ignore: [],
  severity: {},
  exclude: [],
  perFileIgnores: {},
  seed: 42,
};

export const DEFAULT_OUTCOME_SUFFIXES: readonly string[] = ['_date', '_at', '_time', '_status', '_code', '_reason', '_amount'];
