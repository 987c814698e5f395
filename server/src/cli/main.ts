// The `holdout` binary: `holdout check …` lints files; `holdout lsp` serves editors.
import { parseArgs } from 'node:util';
import { RULES, ruleById } from '../../../rules';
import { META_RULES } from '../engine/suppressions';
import { VERSION } from '../engine/version';

const USAGE = `Usage: holdout <command> [options]

Commands:
  check [options] PATHS...   Check Python files, notebooks and folders for leakage
  graph [options] PATHS...   Print the experiment graph (Mermaid, DOT or JSON)
  checklist PATHS...         Answer the checklist for clean experiments
  lsp --stdio | --node-ipc   Start the language server
  rules                      List the rules
  rule <id>                  Show a rule's documentation

Run 'holdout check --help' for the options of check.`;

export const CHECK_USAGE = `Usage: holdout check [options] PATHS...

Options:
  --format FORMAT          text (default), json, sarif or github
  -o, --output FILE        Write the output to FILE instead of stdout
  --select RULES           Comma-separated rules to run (replaces the config's selection)
  --ignore RULES           Comma-separated rules not to run (added to the config's)
  --config FILE            Use this pyproject.toml or holdout.toml for every file
  --isolated               Ignore all configuration files
  --per-file               Analyse each file on its own (do not follow imports of project modules)
  --fail-on SEVERITY       Lowest severity that fails the run: error, warning, info (default)
  --exit-zero              Exit with 0 even when there are findings
  --report-unused-ignores  Report suppression comments that suppress nothing
  --statistics             Print the number of findings per rule instead of the findings
  -q, --quiet              Print only findings: no summary, notes or progress
  -j, --jobs N             Check N files at once (default: one per core for many files)
  --fix                    Apply safe fixes in place
  --unsafe-fixes           Also apply unsafe fixes (with --fix or --diff)
  --diff                   Print the fixes as a unified diff; write nothing
  --step-summary           Also write the GitHub job summary ($GITHUB_STEP_SUMMARY) with other formats
  --no-step-summary        Do not write it with --format github
  -h, --help               Show this help

Configuration: [tool.holdout] in the nearest pyproject.toml, or holdout.toml; command-line
options override it.
Exit status: 0 no failing findings, 1 failing findings, 2 usage or configuration error or
unreadable path.`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'check': {
      // Loaded on demand: `holdout lsp` never needs the CLI's checking and output code.
      const { runCheck } = await import('./check');
      return runCheck(rest);
    }
    case 'graph': {
      const { runGraph } = await import('./graph');
      return runGraph(rest);
    }
    case 'checklist': {
      const { runChecklist } = await import('./graph');
      return runChecklist(rest);
    }
    case 'lsp': {
      const { startServer } = await import('../lsp/start');
      startServer(rest);
      return -1; // keeps running
    }
    case 'rules':
      for (const rule of [...RULES, ...META_RULES]) process.stdout.write(`${rule.id.padEnd(20)} ${rule.defaultSeverity.padEnd(8)} fix: ${rule.fix.padEnd(16)} ${rule.docs.summary}\n`);
      return 0;
    case 'rule': {
      const rule = rest[0] ? (ruleById(rest[0]) ?? META_RULES.find((r) => r.id === rest[0])) : undefined;
      if (!rule) {
        process.stderr.write(`holdout: unknown rule '${rest[0] ?? ''}'. Known rules: ${[...RULES, ...META_RULES].map((r) => r.id).join(', ')}\n`);
        return 2;
      }
      const { renderRuleDoc } = await import('../engine/rule-docs');
      process.stdout.write(renderRuleDoc({ ...rule, check: () => undefined }));
      return 0;
    }
    case '--version':
    case '-V':
      process.stdout.write(`${VERSION}\n`);
      return 0;
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(USAGE + '\n');
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`holdout: unknown command '${command}'\n${USAGE}\n`);
      return 2;
  }
}

export { parseArgs };
