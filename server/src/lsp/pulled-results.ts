// The last diagnostics of each text document, for pull requests (textDocument/diagnostic).
// A pull is answered from here at once, never after an analysis: vscode-languageclient cancels
// a pull that is still open at the next keystroke and shows an empty list for it (the flicker).
// A new result gets a new resultId only when its diagnostics differ, so pulls during typing
// that changes nothing answer `unchanged`; the server asks the client to pull again
// (workspace/diagnostic/refresh) when a new result is stored.
import { randomBytes } from 'node:crypto';
import { Diagnostic } from 'vscode-languageserver';

export interface PulledResult {
  resultId: string;
  items: Diagnostic[];
}

export class PulledResults {
  private readonly results = new Map<string, PulledResult & { json: string }>();
  /** Result ids of an earlier server process never match this one's. */
  private readonly session = randomBytes(4).toString('hex');
  private next = 1;

  get(uri: string): PulledResult | undefined {
    return this.results.get(uri);
  }

  /** Stores the document's diagnostics; true when they differ from the stored ones (a new resultId). */
  set(uri: string, items: Diagnostic[]): boolean {
    const json = JSON.stringify(items);
    const previous = this.results.get(uri);
    if (previous?.json === json) return false;
    this.results.set(uri, { resultId: `${this.session}:${this.next++}`, items, json });
    return true;
  }

  forget(uri: string): void {
    this.results.delete(uri);
  }

  /** Every result is new: the next pull of each document gets its diagnostics in full. */
  clear(): void {
    this.results.clear();
  }
}

/**
 * The answers to pulls for files that are not open (background tabs), analysed from disk.
 * vscode-languageclient pulls those tabs again on every refresh (background-tabs.ts), and a
 * refresh follows every new result while typing elsewhere: the last answer is reused, as
 * `unchanged`, while the file's text is the same and nothing it depends on changed (stale()).
 */
export class DiskAnswers {
  private readonly answers = new Map<string, { resultId: string; text: string; stale: boolean }>();
  private readonly session = randomBytes(4).toString('hex');
  private next = 1;

  get size(): number {
    return this.answers.size;
  }

  uris(): IterableIterator<string> {
    return this.answers.keys();
  }

  /** The result id of the last answer, if it still holds for this text. */
  unchanged(uri: string, text: string): string | undefined {
    const answer = this.answers.get(uri);
    return answer && !answer.stale && answer.text === text ? answer.resultId : undefined;
  }

  /** Records an answer; returns its result id. */
  answered(uri: string, text: string): string {
    const resultId = `${this.session}:disk:${this.next++}`;
    this.answers.set(uri, { resultId, text, stale: false });
    return resultId;
  }

  /** The configuration or a module the file imports changed: the next pull analyses it again. */
  stale(uri: string): void {
    const answer = this.answers.get(uri);
    if (answer) answer.stale = true;
  }

  /** Forgets a file (opened, or closed); true if it had been answered from disk. */
  delete(uri: string): boolean {
    return this.answers.delete(uri);
  }
}
