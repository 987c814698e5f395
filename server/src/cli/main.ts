// The `holdout` binary: `holdout check …` lints files; `holdout lsp` serves editors.
import { parseArgs } from 'node:util';
import { runCheck } from './check';
import { RULES, ruleById } from '../../../rules';

const USAGE = `Usage: holdout <command> [options]

Commands:
  check [options] PATHS...   Check Python files, notebooks and folders for leakage
  lsp --stdio | --node-ipc   Start the language server
  rules                      List the rules
  rule <id>                  Show a rule's documentation

Run 'holdout check --help' for the options of check.`;

export const CHECK_USAGE = `Usage: holdout check [options] PATHS...

Options:
  --format text|json       Output format (default: text)
  --select RULES           Comma-separated rules to run (default: all)
  --ignore RULES           Comma-separated rules not to run
  --fix                    Apply safe fixes in place
  --unsafe-fixes           Also apply unsafe fixes (with --fix or --diff)
  --diff                   Print the fixes as a unified diff; write nothing
  -h, --help               Show this help

Exit status: 0 no findings, 1 findings, 2 usage error or unreadable path.`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'check':
      return runCheck(rest);
    case 'lsp': {
      const { startServer } = await import('../lsp/start');
      startServer(rest);
      return -1; // keeps running
    }
    case 'rules':
      for (const rule of RULES) process.stdout.write(`${rule.id.padEnd(20)} ${rule.defaultSeverity.padEnd(8)} fix: ${rule.fix.padEnd(16)} ${rule.docs.summary}\n`);
      return 0;
    case 'rule': {
      const rule = rest[0] ? ruleById(rest[0]) : undefined;
      if (!rule) {
        process.stderr.write(`holdout: unknown rule '${rest[0] ?? ''}'. Known rules: ${RULES.map((r) => r.id).join(', ')}\n`);
        return 2;
      }
      const { renderRuleDoc } = await import('../engine/rule-docs');
      process.stdout.write(renderRuleDoc(rule));
      return 0;
    }
    case '--version':
    case '-V':
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      process.stdout.write(`${require('../../../../package.json').version}\n`);
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
