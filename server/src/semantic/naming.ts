// What a variable's name says about which part of a split it holds.
import { remembered } from '../ml/remembered';
import { Part } from './values';

const TEST = new Set(['test', 'tst', 'te', 'holdout', 'heldout']);
const VALIDATION = new Set(['val', 'valid', 'validation', 'dev', 'vl', 'va']);
const TRAIN = new Set(['train', 'tr', 'trn', 'training']);

/** `X_train` → train, `x_val` → validation, `test_df` → test, `trainX` → train; otherwise undefined. */
export const partFromName: (name: string) => Part | undefined = remembered(readPart);

function readPart(name: string): Part | undefined {
  const words = name
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
  let found: Part | undefined;
  for (const word of words) {
    const part = TEST.has(word) ? 'test' : VALIDATION.has(word) ? 'validation' : TRAIN.has(word) ? 'train' : undefined;
    if (part) {
      if (found && found !== part) return undefined; // `train_test_ratio`: ambiguous
      found = part;
    }
  }
  return found;
}

/** Whether a name or path names a part of a split (`test.csv`, `df_train`, `split="validation"`), even ambiguously. */
export function namesAPart(name: string): boolean {
  const words = name
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z]+/);
  return words.some((w) => TEST.has(w) || VALIDATION.has(w) || TRAIN.has(w));
}

/** A column name compared loosely: `PatientID`, `patient_id` and `Patient ID` are all `patientid`. */
export function looseName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

const columnWords: (name: string) => readonly string[] = remembered(readColumnWords);

function readColumnWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const KEY_LAST_WORDS = new Set(['id', 'ids', 'key', 'uuid', 'nbr', 'path', 'file', 'filename', 'filepath', 'fname', 'url']);
const FILE_WORDS = new Set(['file', 'image', 'img', 'audio', 'wav', 'path']);

/** Does a column name look like a key of individual rows or records (`image_id`, `file_path`, `encounterId`)? */
export function isKeyLikeColumn(name: string): boolean {
  const words = columnWords(name);
  const last = words[words.length - 1];
  if (!last) return false;
  if (KEY_LAST_WORDS.has(last)) return true;
  if (words.length === 1) return FILE_WORDS.has(last);
  return last === 'name' && words.some((w) => FILE_WORDS.has(w));
}

const DATE_WORDS = new Set(['date', 'datetime', 'timestamp', 'time', 'dt', 'ts']);

/** Does a column name say it holds dates or times (`date`, `order_date`, `Timestamp`)? */
export function isDateLikeColumn(name: string): boolean {
  const words = columnWords(name);
  return words.length > 0 && DATE_WORDS.has(words[words.length - 1]);
}

/** What a group column counts: `patient_id` → `patient`, `SpeakerID` → `speaker`. */
export function groupEntity(name: string): string {
  const words = columnWords(name).filter((w) => !['id', 'nbr', 'no', 'number', 'key', 'code'].includes(w));
  return words.join(' ') || name;
}
