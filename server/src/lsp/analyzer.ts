// Lints open documents, one analysis per (document version, configuration generation), shared
// by diagnostics, code actions and hover. Failures are contained: logged, and the document gets
// no findings until its next change.
import { lint, LintResult } from '../engine/lint';
import { ModelSession } from '../semantic/model';
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

/** A document's analysis session, and what it was made under: the next analysis resumes only under the same. */
interface Session {
  session: ModelSession;
  under: string;
}

export class Analyzer {
  private readonly cache = new Map<string, Entry>();
  /** The documents whose whole result (and syntax tree) is kept: see recently-used.ts. */
  private readonly recent = new RecentlyUsed();
  private readonly recentDocs = new Map<string, OpenDocument>();
  private readonly sessions = new Map<string, Session>();

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
      this.sessions.delete(doc.uri);
      this.cache.set(doc.uri, { version: doc.version, generation, result: undefined, skipped: skip });
      return undefined;
    }
    try {
      const session = this.sessionFor(doc.uri, `${generation}|${options.library ? 'library' : ''}|${options.modules ? options.otherModulesStamp : 'no modules'}`);
      result = lint({ text: doc.text, lines: doc.lineIndex, root: doc.currentSyntax(), config: options.config, extraIgnores: options.extraIgnores, recordValues: true, modules: options.modules, library: options.library, session });
    } catch (error) {
      this.log.error(`Holdout could not analyse ${doc.uri} (version ${doc.version}): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      doc.dropTree();
      this.sessions.delete(doc.uri);
      result = undefined;
    }
    this.cache.set(doc.uri, { version: doc.version, generation, moduleStamp: options.moduleStamp, result });
    return result;
  }

  /** The document's session if it was made `under` the same conditions, else a new one. */
  private sessionFor(uri: string, under: string): ModelSession {
    const known = this.sessions.get(uri);
    if (known?.under === under) return known.session;
    const session = new ModelSession();
    this.sessions.set(uri, { session, under });
    return session;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
    this.sessions.delete(uri);
    this.recent.delete(uri);
    this.recentDocs.delete(uri);
  }

  /** Drops a document's result and syntax tree; its next use analyses it from a fresh parse. */
  private release(uri: string): void {
    // A skip or a failure is kept: it holds nothing, and a skip is logged once.
    if (this.cache.get(uri)?.result) this.cache.delete(uri);
    this.recentDocs.get(uri)?.dropTree();
    this.recentDocs.delete(uri);
    this.sessions.delete(uri);
  }
}
