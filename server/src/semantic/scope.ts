// Variables and path facts, and how they meet where control-flow paths join.
import { join, Value } from './values';

export class Scope {
  readonly vars = new Map<string, Value>();
  /** Names declared `global` in this (function) scope. */
  readonly globals = new Set<string>();

  constructor(readonly parent: Scope | null) {}

  lookup(name: string): Value | undefined {
    for (let scope: Scope | null = this; scope; scope = scope.parent) {
      const v = scope.vars.get(name);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  set(name: string, value: Value): void {
    if (this.globals.has(name)) {
      let root: Scope = this;
      while (root.parent) root = root.parent;
      root.vars.set(name, value);
    } else {
      this.vars.set(name, value);
    }
  }
}

/** What a path has established so far: local variables and must-facts (seeds, flags). */
export interface PathState {
  vars: Map<string, Value>;
  facts: Set<string>;
}

export function joinStates(a: PathState, b: PathState): PathState {
  const vars = new Map<string, Value>();
  for (const [name, v] of a.vars) vars.set(name, b.vars.has(name) ? join(v, b.vars.get(name)) : v);
  for (const [name, v] of b.vars) if (!vars.has(name)) vars.set(name, v);
  const facts = new Set<string>();
  for (const f of a.facts) if (b.facts.has(f)) facts.add(f);
  return { vars, facts };
}
