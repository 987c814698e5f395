// Lints open documents, one analysis per (document version, configuration generation), shared
// by diagnostics, code actions and hover. Failures are contained: logged, and the document gets
// no findings until its next change.
import { lint, LintResult } from '../engine/lint';
import { OpenDocument } from './document';
import { DocumentConfig } from './project-config';
import { RecentlyUsed } from './recently-used';

/**
 * Larger documents are not analysed: the analysis takes about 6 ms per 1,000 characters and
 * blocks the server meanwhile (300,000 characters: about 2 s after each pause in typing).
 */
export const MAX_DOCUMENT_LENGTH = 300_000;

/** Why a text is not analysed (too large, or binary-looking), or undefined. */
export function skipReason(text: string): string | undefined {
  if (text.length > MAX_DOCUMENT_LENGTH) return `it is larger than ${MAX_DOCUMENT_LENGTH.toLocaleString('en')} characters`;
  if (text.includes('\u0000')) return 'it looks binary (it contains NUL characters)';
  return undefined;
}

export interface Log {
  error(message: string): void;
  info(message: string): void;
}

interface Entry {
  version: number;
  generation: number;
  moduleStamp?: number;
  result: LintResult | undefined;
  /** Why the text was not analysed (logged once, not on every change). */
  skipped?: string;
}

export class Analyzer {
  private readonly cache = new Map<string, Entry>();
  /** The documents whose whole result (and syntax tree) is kept: see recently-used.ts. */
  private readonly recent = new RecentlyUsed();
  private readonly recentDocs = new Map<string, OpenDocument>();

  constructor(private readonly log: Log) {}

  analyze(doc: OpenDocument, generation: number, options: DocumentConfig): LintResult | undefined {
    this.recentDocs.set(doc.uri, doc);
    for (const uri of this.recent.use(doc.uri)) this.release(uri);
    const cached = this.cache.get(doc.uri);
    if (cached && cached.version === doc.version && cached.generation === generation && cached.moduleStamp === options.moduleStamp) return cached.result;
    let result: LintResult | undefined;
    const skip = skipReason(doc.text);
    if (skip) {
      if (cached?.skipped !== skip) this.log.info(`Holdout does not analyse ${doc.uri}: ${skip}.`);
      doc.dropTree();
      this.cache.set(doc.uri, { version: doc.version, generation, result: undefined, skipped: skip });
      return undefined;
    }
    try {
      result = lint({ text: doc.text, lines: doc.lineIndex, root: doc.currentSyntax(), config: options.config, extraIgnores: options.extraIgnores, recordValues: true, modules: options.modules, library: options.library });
    } catch (error) {
      this.log.error(`Holdout could not analyse ${doc.uri} (version ${doc.version}): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      doc.dropTree();
      result = undefined;
    }
    this.cache.set(doc.uri, { version: doc.version, generation, moduleStamp: options.moduleStamp, result });
    return result;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
    this.recent.delete(uri);
    this.recentDocs.delete(uri);
  }

  /** Drops a document's result and syntax tree; its next use analyses it from a fresh parse. */
  private release(uri: string): void {
    // A skip or a failure is kept: it holds nothing, and a skip is logged once.
    if (this.cache.get(uri)?.result) this.cache.delete(uri);
    this.recentDocs.get(uri)?.dropTree();
    this.recentDocs.delete(uri);
  }
}
