import type { VoteSpec } from './votes';

/**
 * Votes where, in the given order, every model beats each later one `wins` times and loses to
 * it `losses` times, sides alternating so that each side wins about as often. Attempt 1 of
 * every model unless `attempt` says otherwise.
 */
export function tournament(
  challenge: string,
  order: readonly string[],
  wins: number,
  losses: number,
  attempt: (model: string, k: number) => number = () => 1,
): VoteSpec[] {
  const specs: VoteSpec[] = [];
  order.forEach((better, i) => {
    for (const worse of order.slice(i + 1)) {
      for (let k = 0; k < wins + losses; k += 1) {
        const upset = k >= wins;
        const winner = upset ? worse : better;
        const loser = upset ? better : worse;
        const winnerLeft = k % 2 === 0;
        const side = (model: string): [string, number] => [model, attempt(model, k)];
        specs.push({
          challenge,
          left: side(winnerLeft ? winner : loser),
          right: side(winnerLeft ? loser : winner),
          outcome: winnerLeft ? 'left' : 'right',
        });
      }
    }
  });
  return specs;
}
