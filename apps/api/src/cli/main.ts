import { UsageError } from './usage-error';

/**
 * Commands are imported when run, so that one needing only the core (`leaderboard --votes`,
 * `simulate`) does not load the services, the providers and the database drivers first.
 *
 * `pnpm arena <command>`: operator tasks from the command line. Commands that touch the
 * database use the same configuration as the server. With PGlite (./data, the default) one
 * process at a time holds the folder: while the embedded server runs, such a command is
 * refused before it opens or writes anything (exit status 75), and works once it stops.
 */
const COMMANDS: Record<string, { run: (args: string[]) => Promise<void>; help: string }> = {
  operator: {
    run: async (args) => (await import('./commands/operator')).operatorCommand(args),
    help: 'operator create NAME [--role admin|moderator] [--label TEXT]   create an operator and print a token',
  },
  catalog: {
    run: async (args) => (await import('./commands/catalog')).catalogCommand(args),
    help: 'catalog sync [--file catalog.json] [--force]   apply the catalog file (console edits kept unless --force)',
  },
  generate: {
    run: async (args) => (await import('./commands/generate')).generateCommand(args),
    help: 'generate --kind K --model ID --prompt TEXT --out FILE [...]   try a provider: one call, one image',
  },
  challenge: {
    run: async (args) => (await import('./commands/challenge')).challengeCommand(args),
    help: 'challenge launch|close SLUG           fan a draft challenge out / close it and publish its results',
  },
  export: {
    run: async (args) => (await import('./commands/export')).exportCommand(args),
    help: 'export votes [--format jsonl|csv] --out FILE   the open-data export of every counted vote',
  },
  leaderboard: {
    run: async (args) => (await import('./commands/leaderboard')).leaderboardCommand(args),
    help: 'leaderboard --votes FILE [--bootstrap N] [--seed S]   recompute the leaderboards from an export\n  leaderboard recompute [--force]       run the leaderboard job against the database',
  },
  voters: {
    run: async (args) => (await import('./commands/voters')).votersCommand(args),
    help: 'voters suspected | clear VOTER_ID     list the voters screening flagged / clear one',
  },
  simulate: {
    run: async (args) => (await import('./commands/simulate')).simulateCommand(args),
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
/** The runtime's ConfigError, known by name: importing the runtime here would load it all. */
const isConfigError = (error: unknown) => error instanceof Error && error.name === 'ConfigError';
/** The database package's DataFolderLockedError: the server holds the PGlite folder. */
const isFolderLocked = (error: unknown) =>
  error instanceof Error && error.name === 'DataFolderLockedError';
/** EX_TEMPFAIL (sysexits.h): nothing was done; the same command works later. */
const FOLDER_LOCKED_EXIT = 75;

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error) => {
    if (error instanceof UsageError || isConfigError(error) || isArgumentError(error)) {
      console.error(error.message);
      process.exit(2);
    }
    if (isFolderLocked(error)) {
      console.error(`refused: ${(error as Error).message}`);
      process.exit(FOLDER_LOCKED_EXIT);
    }
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
