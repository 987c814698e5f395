// Answering `holdout/experimentGraph` from an analysis the server already has (the same one
// diagnostics and hover use): the placed graph and checklist of a script or a notebook.
import { LintResult } from '../engine/lint';
import { notebookProgram, scriptProgram } from '../experiment/analyse';
import { AnalysedProgram, checklistDocument, graphDocument } from '../experiment/document';
import { CellsLint } from '../notebook';
import { ExperimentGraphResult } from './experiment-graph-protocol';
import { DocumentConfig } from './project-config';

function result(uri: string, documentVersion: number, program: AnalysedProgram, cellUris?: string[]): ExperimentGraphResult {
  return { version: 1, uri, documentVersion, graph: graphDocument(program), checklist: checklistDocument(program), ...(cellUris ? { cellUris } : {}) };
}

export function scriptGraph(uri: string, version: number, lint: LintResult, config: DocumentConfig): ExperimentGraphResult {
  return result(uri, version, scriptProgram(uri, lint, config));
}

export function notebookGraph(uri: string, version: number, cells: CellsLint, cellUris: string[], config: DocumentConfig): ExperimentGraphResult {
  return result(uri, version, notebookProgram(uri, cells, config), cellUris);
}
