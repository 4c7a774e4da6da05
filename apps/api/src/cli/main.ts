import { ConfigError } from '@arena/services';
import { catalogCommand } from './commands/catalog';
import { challengeCommand } from './commands/challenge';
import { operatorCommand } from './commands/operator';
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
  challenge: {
    run: challengeCommand,
    help: 'challenge launch SLUG                 fan a draft challenge out to every model',
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

main().then(
  () => process.exit(0),
  (error) => {
    if (error instanceof UsageError || error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
