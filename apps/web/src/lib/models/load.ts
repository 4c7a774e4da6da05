import type {
  BestFor,
  HeadToHead,
  LeaderboardRow,
  ModelProviders,
  ModelResults,
  ModelSummary,
} from '@arena/contract';
import type { Arena } from '@arena/core';
import { error } from '@sveltejs/kit';
import {
  ApiError,
  getBestFor,
  getHeadToHead,
  getLeaderboard,
  getModelProviders,
  getModelResults,
  listModels,
} from '$lib/api';
import { ARENAS } from '$lib/arenas';
import { noticeFor, type Notice } from '$lib/notices';

/** One section's data, or why it could not be loaded: a failed section never sinks the page. */
export type Section<T> = { ok: true; value: T } | { ok: false; notice: Notice };

export interface Standing {
  arena: Arena;
  /** Null when the model has no votes in this arena yet. */
  row: LeaderboardRow | null;
  /** Models on the board, for "#2 of 6". */
  of: number;
  /** Whether the rows are a Bradley-Terry snapshot with intervals, or online Elo only. */
  fitted: boolean;
  notice: Notice | null;
}

export interface ModelPageData {
  model: ModelSummary;
  standings: Standing[];
  /** Every model's row on each arena's board the model is on: the value charts plot them all. */
  boards: Partial<Record<Arena, LeaderboardRow[]>>;
  providers: Section<ModelProviders>;
  results: Section<ModelResults>;
  headToHead: Section<HeadToHead>;
  bestFor: Section<BestFor>;
}

function section<T>(settled: PromiseSettledResult<T>): Section<T> {
  return settled.status === 'fulfilled'
    ? { ok: true, value: settled.value }
    : { ok: false, notice: noticeFor(settled.reason) };
}

const isMissing = (settled: PromiseSettledResult<unknown>) =>
  settled.status === 'rejected' &&
  settled.reason instanceof ApiError &&
  settled.reason.status === 404;

/**
 * Everything a model page shows, fetched at once. The model's own endpoints answer 404 for an
 * unknown slug, which becomes the not-found page; any other failure stays in its section.
 */
export async function loadModelPage(slug: string, fetchFn: typeof fetch): Promise<ModelPageData> {
  const options = { fetch: fetchFn };
  const [[models, providers, results, headToHead, bestFor], boards] = await Promise.all([
    Promise.allSettled([
      listModels(options),
      getModelProviders(slug, options),
      getModelResults(slug, options),
      getHeadToHead(slug, {}, options),
      getBestFor(slug, options),
    ]),
    Promise.allSettled(ARENAS.map((arena) => getLeaderboard(arena, null, options))),
  ]);

  if (isMissing(results) || isMissing(providers)) {
    error(404, { message: `There is no model called “${slug}”.`, code: 'model_not_found' });
  }
  const listed = models.status === 'fulfilled' ? models.value.find((m) => m.slug === slug) : null;
  const ref = results.status === 'fulfilled' ? results.value.model : null;
  if (!listed && !ref) {
    const reason = results.status === 'rejected' ? results.reason : null;
    error(reason instanceof ApiError ? reason.status || 500 : 500, {
      message: reason instanceof Error ? reason.message : 'The model could not be loaded.',
    });
  }
  const model: ModelSummary = listed ?? {
    ...ref!,
    arenas: [...ARENAS],
    modelRef: null,
    releasedAt: null,
    active: true,
    retiredAt: null,
  };

  const standings = ARENAS.flatMap((arena, i): Standing[] => {
    if (!model.arenas.includes(arena)) return [];
    const settled = boards[i];
    if (!settled || settled.status === 'rejected') {
      return [
        {
          arena,
          row: null,
          of: 0,
          fitted: false,
          notice: noticeFor(settled?.status === 'rejected' ? settled.reason : null),
        },
      ];
    }
    const board = settled.value;
    return [
      {
        arena,
        // Before its first vote a model sits on the board at the starting rating: not rated.
        row: board.rows.find((row) => row.model.slug === slug && row.games > 0) ?? null,
        of: board.rows.length,
        fitted: board.snapshot !== null,
        notice: null,
      },
    ];
  });

  const boardRows: ModelPageData['boards'] = {};
  ARENAS.forEach((arena, i) => {
    const settled = boards[i];
    if (model.arenas.includes(arena) && settled?.status === 'fulfilled') {
      boardRows[arena] = settled.value.rows;
    }
  });

  return {
    model,
    standings,
    boards: boardRows,
    providers: section(providers),
    results: section(results),
    headToHead: section(headToHead),
    bestFor: section(bestFor),
  };
}
