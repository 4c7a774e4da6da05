import { clearVoter, closeChallenge, createChallenge, launchChallenge, listVoters } from './admin';
import { createBattle, vote } from './battles';
import { categories, challenges, leaderboard, modelProviders, models } from './catalog';
import { health } from './health';
import { battleImage, resultImage, sourceImage } from './images';
import { exportVotes } from './open-data';
import {
  bestFor,
  challengeLeaderboard,
  headToHead,
  modelResults,
  positionBias,
  ratingHistory,
} from './results';
import { passHumanCheck } from './voters';

/** Every route of the HTTP API, by the name its handler goes by. */
export const routes = {
  health,
  createBattle,
  vote,
  passHumanCheck,
  battleImage,
  sourceImage,
  resultImage,
  leaderboard,
  categories,
  models,
  challenges,
  modelProviders,
  positionBias,
  ratingHistory,
  modelResults,
  headToHead,
  bestFor,
  challengeLeaderboard,
  exportVotes,
  createChallenge,
  launchChallenge,
  closeChallenge,
  listVoters,
  clearVoter,
} as const;

export type ApiRoutes = typeof routes;
export type ApiRouteName = keyof ApiRoutes;
