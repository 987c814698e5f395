// Issue 16 item 5: incremental reparse of a whole module vs. parsing the edited top-level
// statement alone (the floor of a splice). Needs bench/corpus (node bench/generate.mjs).
//   node bench/reparse-statement.cjs
const Parser = require('tree-sitter');
const Python = require('tree-sitter-python');
const fs = require('fs');
const parser = new Parser(); parser.setLanguage(Python);
const flat = Array.from({ length: 1800 }, (_, i) => `x_${i} = compute(${i}, data[${i % 7}])`).join('\n') + '\n';
const files = { 'edit_5000.py': fs.readFileSync(require('path').join(__dirname, 'corpus/editor/edit_5000.py'), 'utf8'), 'flat_1800': flat };
const med = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
for (const [name, text] of Object.entries(files)) {
  const tree = parser.parse(text);
  for (const at of [0.05, 0.5, 0.95]) {
    // first digit at/after the fraction
    let off = Math.floor(text.length * at); while (!/\d/.test(text[off])) off++;
    const ch = text[off] === '9' ? '8' : String(Number(text[off]) + 1);
    const next = text.slice(0, off) + ch + text.slice(off + 1);
    const stmt = tree.rootNode.descendantForIndex(off);
    let top = stmt; while (top.parent && top.parent.type !== 'module') top = top.parent;
    const stmtText = next.slice(top.startIndex, top.endIndex);
    const inc = [], alone = [], full = [];
    for (let r = 0; r < 9; r++) {
      const old = tree.copy ? tree.copy() : parser.parse(text);
      const pt = (o) => { const lines = text.slice(0, o).split('\n'); return { row: lines.length - 1, column: lines.at(-1).length }; };
      old.edit({ startIndex: off, oldEndIndex: off + 1, newEndIndex: off + 1, startPosition: pt(off), oldEndPosition: pt(off + 1), newEndPosition: pt(off + 1) });
      let t0 = performance.now(); parser.parse(next, old); inc.push(performance.now() - t0);
      t0 = performance.now(); parser.parse(stmtText); alone.push(performance.now() - t0);
      t0 = performance.now(); parser.parse(next); full.push(performance.now() - t0);
    }
    console.log(`${name} @${at * 100}%: incremental ${med(inc).toFixed(2)} ms, statement alone (${top.type}, ${stmtText.length} chars) ${med(alone).toFixed(3)} ms, full ${med(full).toFixed(1)} ms`);
  }
}
