// Which documents keep their whole analysis (syntax trees, semantic model, the values recorded
// for hover): the few used last. Every open document keeps its diagnostics (the published ones,
// and PulledResults for pulls); a hover, code action or edit on a document that fell out
// analyses it again, once, and it is one of the recent ones again. Without this the server kept
// about 0.6 MB per open document (50 real files, 560 lines each on average: 120 MB RSS once idle
// instead of 92 MB).

/** How many documents (and, separately, notebooks) keep their whole analysis. */
export const RECENT_ANALYSES = 4;

/** Keys in the order they were last used; the oldest fall out beyond `capacity`. */
export class RecentlyUsed {
  // A Set iterates in insertion order: re-inserting a key makes it the newest.
  private readonly order = new Set<string>();

  constructor(private readonly capacity: number = RECENT_ANALYSES) {}

  /** Marks `key` as used now; returns the keys that fell out (oldest first). */
  use(key: string): string[] {
    this.order.delete(key);
    this.order.add(key);
    const fallen: string[] = [];
    for (const oldest of this.order) {
      if (this.order.size <= this.capacity) break;
      this.order.delete(oldest);
      fallen.push(oldest);
    }
    return fallen;
  }

  delete(key: string): void {
    this.order.delete(key);
  }
}
