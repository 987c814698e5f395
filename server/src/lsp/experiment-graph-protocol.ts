// The custom request the editor's graph view sends, shared by server and client: the server
// analyses, builds and places the graph and the checklist; the client only renders them.
import type { ChecklistDocument, GraphDocument } from '../experiment/document';

export const EXPERIMENT_GRAPH_REQUEST = 'holdout/experimentGraph';

export interface ExperimentGraphParams {
  /** A text document, a notebook, or a cell of a notebook. */
  uri: string;
}

export interface ExperimentGraphResult {
  version: 1;
  /** The text document or the notebook the graph is of. */
  uri: string;
  /** The analysed version of the text document (notebooks: the notebook's version). */
  documentVersion: number;
  graph: GraphDocument;
  checklist: ChecklistDocument;
  /** For notebooks: the URI of each cell, by (1-based) `location.cell` - 1. */
  cellUris?: string[];
}
