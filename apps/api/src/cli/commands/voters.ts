import { clearVoter, listSuspectedVoters } from '@arena/services';
import { UsageError } from '../usage-error';
import { withRuntime } from '../with-runtime';

const USAGE = 'usage: pnpm arena voters suspected | pnpm arena voters clear VOTER_ID';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `voters suspected` lists the voters screening keeps off the boards, one JSON object a line
 * (id, when flagged, reasons, votes set aside). `voters clear ID` clears one: their votes count
 * again from the next recompute, which is requested.
 */
export async function votersCommand(args: string[]): Promise<void> {
  const [verb, id, ...rest] = args;
  if (verb === 'suspected' && id === undefined) {
    const suspected = await withRuntime((runtime) => listSuspectedVoters(runtime.ctx));
    for (const voter of suspected) console.log(JSON.stringify(voter));
    // On stderr, so that the JSON lines on stdout stay empty for scripts.
    if (suspected.length === 0) console.error('no suspected voters');
    return;
  }
  if (verb === 'clear' && id !== undefined && rest.length === 0) {
    if (!UUID.test(id)) throw new UsageError(`not a voter id: ${id}`);
    const cleared = await withRuntime((runtime) =>
      clearVoter(runtime.ctx, { voterId: id, operatorId: null }),
    );
    console.log(JSON.stringify(cleared));
    return;
  }
  throw new UsageError(USAGE);
}
