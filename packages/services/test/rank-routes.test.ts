import { describe, expect, it } from 'vitest';
import { rankRoutes } from '../src/generations/rank-routes';

const route = (providerId: string, priority: number) => ({
  providerId,
  providerSlug: providerId,
  priority,
});

describe('route ranking', () => {
  const routes = [route('a', 10), route('b', 20), route('c', 30)];

  it('follows the operator priority when every provider is healthy', () => {
    expect(rankRoutes(routes, new Map(), new Map()).map((r) => r.providerId)).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('moves a provider that already failed this generation to the back', () => {
    const order = rankRoutes(routes, new Map(), new Map([['a', 1]]));
    expect(order.map((r) => r.providerId)).toEqual(['b', 'c', 'a']);
  });

  it('tries unhealthy providers only after healthy ones, given enough samples', () => {
    const health = new Map([
      ['a', { samples: 20, successRate: 0.3, p50Ms: 1000 }],
      ['b', { samples: 3, successRate: 0, p50Ms: undefined }],
    ]);
    // b has too few samples to judge; a is judged unhealthy.
    expect(rankRoutes(routes, health, new Map()).map((r) => r.providerId)).toEqual(['b', 'c', 'a']);
  });

  it('breaks priority ties by recent median latency', () => {
    const tied = [route('slow', 10), route('fast', 10)];
    const health = new Map([
      ['slow', { samples: 10, successRate: 1, p50Ms: 9000 }],
      ['fast', { samples: 10, successRate: 1, p50Ms: 3000 }],
    ]);
    expect(rankRoutes(tied, health, new Map()).map((r) => r.providerId)).toEqual(['fast', 'slow']);
  });
});
