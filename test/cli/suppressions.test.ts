// Suppression comments: each form, the line before a multi-line statement, file-wide, and the
// invalid-suppression / unused-suppression pseudo-rules with their fixes.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG, HoldoutConfig } from '../../server/src/engine/config';
import { applyEdits } from '../../server/src/engine/fixes';
import { lint } from '../../server/src/engine/lint';

const RNG = 'x = np.random.rand(3)';
const IMPORT = 'import numpy as np';

function rules(lines: string[], config: HoldoutConfig = DEFAULT_CONFIG): string[] {
  const text = lines.join('\n') + '\n';
  const result = lint({ text, config });
  return result.findings.map((f) => `${f.rule}@${result.lines.lineOf(f.span.start) + 1}`);
}

const unused: HoldoutConfig = { ...DEFAULT_CONFIG, reportUnusedIgnores: true };

describe('suppression forms', () => {
  it('reports the unsuppressed finding', () => {
    assert.deepEqual(rules([IMPORT, RNG]), ['unseeded-rng@2']);
  });

  it('ignore[rule] on the line', () => {
    assert.deepEqual(rules([IMPORT, `${RNG}  # holdout: ignore[unseeded-rng]`]), []);
  });

  it('ignore[rule] naming another rule does not suppress', () => {
    assert.deepEqual(rules([IMPORT, `${RNG}  # holdout: ignore[fit-before-split]`]), ['unseeded-rng@2']);
  });

  it('ignore[a, b] with several rules and spaces', () => {
    assert.deepEqual(rules([IMPORT, `${RNG}  #holdout:ignore[ fit-before-split ,unseeded-rng ]`]), []);
  });

  it('bare ignore suppresses all rules on the line', () => {
    assert.deepEqual(rules([IMPORT, `${RNG}  # holdout: ignore`]), []);
  });

  it('ignore on its own line before the statement', () => {
    assert.deepEqual(rules([IMPORT, '# holdout: ignore[unseeded-rng]', RNG]), []);
  });

  it('ignore on the line before a multi-line statement covers a finding on a later line of it', () => {
    const code = [IMPORT, 'import random', '# holdout: ignore', 'values = [', '    1,', '    np.random.rand(3),', ']'];
    assert.deepEqual(rules(code), []);
    assert.deepEqual(rules(code.filter((l) => !l.includes('holdout'))), ['unseeded-rng@5']);
  });

  it('ignore on any line of a multi-line statement', () => {
    assert.deepEqual(rules([IMPORT, 'values = (', '    np.random.rand(3)', ')  # holdout: ignore[unseeded-rng]']), []);
  });

  it('a trailing comment on the previous statement does not reach the next one', () => {
    assert.deepEqual(rules([IMPORT, 'y = 1  # holdout: ignore', RNG]), ['unseeded-rng@3']);
  });

  it('an own-line comment two lines above does not count', () => {
    assert.deepEqual(rules([IMPORT, '# holdout: ignore', '', RNG]), ['unseeded-rng@4']);
  });

  it('only the header of a compound statement counts', () => {
    assert.deepEqual(rules([IMPORT, 'for i in range(3):  # holdout: ignore', `    ${RNG}`]), ['unseeded-rng@3']);
  });

  it('ignore-file[rule] anywhere in the file', () => {
    assert.deepEqual(rules([IMPORT, RNG, 'y = 2', '# holdout: ignore-file[unseeded-rng]']), []);
    assert.deepEqual(rules([IMPORT, RNG, '# holdout: ignore-file[cudnn-determinism]']), ['unseeded-rng@2']);
  });

  it('bare ignore-file suppresses everything', () => {
    assert.deepEqual(rules(['# holdout: ignore-file', IMPORT, RNG]), []);
  });

  it('a directive after other comment text', () => {
    assert.deepEqual(rules([IMPORT, `${RNG}  # type: ignore  # holdout: ignore[unseeded-rng]  # noqa: E501`]), []);
  });

  it('a directive in a string is not a comment', () => {
    assert.deepEqual(rules([IMPORT, `${RNG}; s = "# holdout: ignore"`]), ['unseeded-rng@2']);
  });
});

describe('invalid-suppression', () => {
  it('reports an unknown rule name and still applies the known ones', () => {
    const text = [IMPORT, `${RNG}  # holdout: ignore[unseeded-rng, no-such-rule]`, ''].join('\n');
    const result = lint({ text });
    assert.deepEqual(result.findings.map((f) => f.rule), ['invalid-suppression']);
    const [finding] = result.findings;
    assert.equal(finding.severity, 'warning');
    assert.equal(text.slice(finding.span.start, finding.span.end), 'no-such-rule');
    assert.match(finding.message, /Unknown rule 'no-such-rule'/);
    assert.equal(applyEdits(text, finding.fixes[0].edits), [IMPORT, `${RNG}  # holdout: ignore[unseeded-rng]`, ''].join('\n'));
  });

  it('an unknown name alone: the fix removes the comment', () => {
    const text = [IMPORT, `${RNG}  # holdout: ignore[bogus]`, ''].join('\n');
    const result = lint({ text });
    assert.deepEqual(result.findings.map((f) => f.rule).sort(), ['invalid-suppression', 'unseeded-rng']);
    const invalid = result.findings.find((f) => f.rule === 'invalid-suppression')!;
    assert.equal(applyEdits(text, invalid.fixes[0].edits), [IMPORT, RNG, ''].join('\n'));
  });

  for (const [comment, problem] of [
    ['# holdout: ignroe[unseeded-rng]', /unknown directive 'ignroe'/],
    ['# holdout: ignore[unseeded-rng', /unclosed '\['/],
    ['# holdout: ignore[]', /empty rule list/],
  ] as const) {
    it(`reports a malformed comment, which suppresses nothing: ${comment}`, () => {
      const result = lint({ text: [IMPORT, `${RNG}  ${comment}`, ''].join('\n') });
      assert.deepEqual(result.findings.map((f) => f.rule).sort(), ['invalid-suppression', 'unseeded-rng']);
      assert.match(result.findings.find((f) => f.rule === 'invalid-suppression')!.message, problem);
    });
  }

  it('is turned off like any rule', () => {
    assert.deepEqual(rules([IMPORT, `${RNG}  # holdout: ignore[bogus]`], { ...DEFAULT_CONFIG, ignore: ['invalid-suppression'] }), ['unseeded-rng@2']);
    assert.deepEqual(rules([IMPORT, `${RNG}  # holdout: ignore[bogus]`], { ...DEFAULT_CONFIG, severity: { 'invalid-suppression': 'off' } }), ['unseeded-rng@2']);
    assert.deepEqual(rules([IMPORT, `${RNG}  # holdout: ignore[bogus]`], { ...DEFAULT_CONFIG, select: ['unseeded-rng'] }), ['unseeded-rng@2']);
  });

  it('takes its severity from the configuration', () => {
    const result = lint({ text: '# holdout: ignore[bogus]\n', config: { ...DEFAULT_CONFIG, severity: { 'invalid-suppression': 'error' } } });
    assert.equal(result.findings[0].severity, 'error');
  });
});

describe('unused-suppression', () => {
  it('is not reported by default', () => {
    assert.deepEqual(rules(['y = 1  # holdout: ignore']), []);
  });

  it('reports a bare ignore that suppresses nothing, with a fix removing it', () => {
    const text = 'y = 1  # holdout: ignore\n';
    const result = lint({ text, config: unused });
    assert.deepEqual(result.findings.map((f) => f.rule), ['unused-suppression']);
    assert.equal(applyEdits(text, result.findings[0].fixes[0].edits), 'y = 1\n');
  });

  it('an own-line unused comment is removed with its line', () => {
    const text = 'y = 1\n# holdout: ignore[unseeded-rng]\nz = 2\n';
    const result = lint({ text, config: unused });
    assert.equal(applyEdits(text, result.findings[0].fixes[0].edits), 'y = 1\nz = 2\n');
  });

  it('reports only the unused names of a list, and keeps the used ones', () => {
    const text = [IMPORT, `${RNG}  # holdout: ignore[fit-before-split, unseeded-rng]`, ''].join('\n');
    const result = lint({ text, config: unused });
    assert.deepEqual(result.findings.map((f) => f.rule), ['unused-suppression']);
    assert.match(result.findings[0].message, /'fit-before-split'/);
    assert.equal(applyEdits(text, result.findings[0].fixes[0].edits), [IMPORT, `${RNG}  # holdout: ignore[unseeded-rng]`, ''].join('\n'));
  });

  it('a used suppression is not reported', () => {
    assert.deepEqual(rules([IMPORT, `${RNG}  # holdout: ignore[unseeded-rng]`], unused), []);
    assert.deepEqual(rules([IMPORT, RNG, '# holdout: ignore-file[unseeded-rng]'], unused), []);
  });

  it('an unused ignore-file is reported', () => {
    assert.deepEqual(rules(['y = 1', '# holdout: ignore-file[cudnn-determinism]'], unused), ['unused-suppression@2']);
  });

  it('a rule that did not run is not judged unused', () => {
    assert.deepEqual(rules(['y = 1  # holdout: ignore[fit-before-split]'], { ...unused, ignore: ['fit-before-split'] }), []);
    assert.deepEqual(rules(['y = 1  # holdout: ignore[fit-before-split]'], { ...unused, select: ['unseeded-rng'] }), []);
  });

  it('selecting the pseudo-rule enables it without the flag', () => {
    assert.deepEqual(rules(['y = 1  # holdout: ignore'], { ...DEFAULT_CONFIG, select: ['unused-suppression'] }), ['unused-suppression@1']);
  });
});
