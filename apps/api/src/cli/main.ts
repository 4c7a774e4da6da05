import { ConfigError } from '@arena/runtime';
import { catalogCommand } from './commands/catalog';
import { challengeCommand } from './commands/challenge';
import { exportCommand } from './commands/export';
import { generateCommand } from './commands/generate';
import { leaderboardCommand } from './commands/leaderboard';
import { operatorCommand } from './commands/operator';
import { simulateCommand } from './commands/simulate';
import { votersCommand } from './commands/voters';
import { UsageError } from './usage-error';

/**
 * `pnpm arena <command>`: operator tasks from the command line. Commands that touch the
 * database use the same configuration as the server (PGlite under ./data by default: stop
 * the embedded server first, PGlite allows one process at a time).
 */
const COMMANDS: Record<string, { run: (args: string[]) => Promise<void>; help: string }> = {
  operator: {
    run: operatorCommand,
    help: 'operator create NAME [--label TEXT]   create an operator API token',
  },
  catalog: {
    run: catalogCommand,
    help: 'catalog sync [--file catalog.json]    apply the catalog file to the database',
  },
  generate: {
    run: generateCommand,
    help: 'generate --kind K --model ID --prompt TEXT --out FILE [...]   try a provider: one call, one image',
  },
  challenge: {
    run: challengeCommand,
    help: 'challenge launch|close SLUG           fan a draft challenge out / close it and publish its results',
  },
  export: {
    run: exportCommand,
    help: 'export votes [--format jsonl|csv] --out FILE   the open-data export of every counted vote',
  },
  leaderboard: {
    run: leaderboardCommand,
    help: 'leaderboard --votes FILE [--bootstrap N] [--seed S]   recompute the leaderboards from an export\n  leaderboard recompute [--force]       run the leaderboard job against the database',
  },
  voters: {
    run: votersCommand,
    help: 'voters suspected | clear VOTER_ID     list the voters screening flagged / clear one',
  },
  simulate: {
    run: simulateCommand,
    help: 'simulate [--models N --votes N --seeds N --tau T --width W]   matchmaking vs uniform pairing',
  },
};

function usage(): string {
  return [
    'usage: pnpm arena <command>',
    '',
    ...Object.values(COMMANDS).map((c) => `  ${c.help}`),
  ].join('\n');
}

async function main() {
  const [name, ...args] = process.argv.slice(2);
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    console.error(usage());
    process.exit(name ? 2 : 0);
  }
  await command.run(args);
}

const isArgumentError = (error: unknown) =>
  String((error as { code?: unknown })?.code ?? '').startsWith('ERR_PARSE_ARGS');

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error) => {
    if (error instanceof UsageError || error instanceof ConfigError || isArgumentError(error)) {
      console.error(error.message);
      process.exit(2);
    }
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
