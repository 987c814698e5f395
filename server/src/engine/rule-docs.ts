// A rule's documentation as Markdown: `holdout rule <id>`, docs/rules/<id>.md, and hover.
import { Rule } from './rule';

export const DOCS_BASE_URL = 'https://github.com/holdout-dev/holdout/blob/main/docs/rules/';

export function ruleDocUrl(id: string): string {
  return `${DOCS_BASE_URL}${id}.md`;
}

export function renderRuleDoc(rule: Rule): string {
  const d = rule.docs;
  return [
    `# ${rule.id}`,
    '',
    d.summary,
    '',
    `Default severity: ${rule.defaultSeverity}. Fix: ${rule.fix === 'none' ? 'none' : rule.fix.replace(/-/g, ' ')}.`,
    '',
    '## What it does',
    '',
    d.whatItDoes,
    '',
    '## Why is this bad?',
    '',
    d.whyBad,
    '',
    '## Example',
    '',
    '```python',
    d.example,
    '```',
    '',
    '## Use instead',
    '',
    '```python',
    d.useInstead,
    '```',
    '',
    '## Fix safety',
    '',
    d.fixSafety,
    '',
    `Suppress a finding with \`# holdout: ignore[${rule.id}]\` on its line.`,
    '',
  ].join('\n');
}
