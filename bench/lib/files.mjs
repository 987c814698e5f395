// The Python files and notebooks under a folder, sorted (as the benchmark feeds them).
import * as fs from 'node:fs';
import * as path from 'node:path';

export function listSources(dir) {
  const out = [];
  const walk = (d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(py|ipynb)$/.test(entry.name)) out.push(full);
    }
  };
  walk(dir);
  return out;
}

/** The Python a file holds: a script's text, or a notebook's code cells joined by newlines. */
export function pythonOf(file, text) {
  if (!file.endsWith('.ipynb')) return text;
  const nb = JSON.parse(text);
  return (nb.cells ?? [])
    .filter((c) => c.cell_type === 'code')
    .map((c) => (Array.isArray(c.source) ? c.source.join('') : String(c.source ?? '')))
    .join('\n');
}
