// A rule's documentation as Markdown: `holdout rule <id>`, docs/rules/<id>.md, and hover.
import { Rule } from './rule';

/**
 * A rule's page on the web, only when the project says where its docs are published
 * (`docs-url`: `{rule}` is replaced by the id, or `<id>.md` is appended to a base). Unset:
 * undefined, and no address is invented (no public site exists).
 */
export function ruleDocUrl(id: string, docsUrl: string | undefined): string | undefined {
  if (!docsUrl) return undefined;
  if (docsUrl.includes('{rule}')) return docsUrl.split('{rule}').join(encodeURIComponent(id));
  return `${docsUrl.replace(/\/?$/, '/')}${encodeURIComponent(id)}.md`;
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
