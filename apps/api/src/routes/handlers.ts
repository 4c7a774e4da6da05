import type { AppDeps } from '../env';
import { adminHandlers } from './admin';
import { adminAccountHandlers } from './admin-accounts';
import { adminCatalogHandlers } from './admin-catalog';
import { adminChallengeHandlers } from './admin-challenges';
import { adminModerationHandlers } from './admin-moderation';
import { battleHandlers } from './battles';
import { healthHandlers } from './health';
import { imageHandlers } from './images';
import { modelProviderHandlers } from './model-providers';
import { myVoteHandlers } from './my-votes';
import { openDataHandlers } from './open-data';
import { publicCatalogHandlers } from './public-catalog';
import { resultHandlers } from './results';
import { suggestionHandlers } from './suggestions';
import { voterHandlers } from './voters';

/**
 * The handlers of every route, from each route file. `mountApi` refuses a map with a handler
 * missing or one for a route the contract does not have.
 */
export function apiHandlers(deps: AppDeps) {
  return {
    ...healthHandlers(deps),
    ...battleHandlers(deps),
    ...voterHandlers(deps),
    ...myVoteHandlers(deps),
    ...imageHandlers(deps),
    ...publicCatalogHandlers(deps),
    ...modelProviderHandlers(deps),
    ...resultHandlers(deps),
    ...openDataHandlers(deps),
    ...adminHandlers(deps),
    ...adminAccountHandlers(deps),
    ...adminCatalogHandlers(deps),
    ...adminChallengeHandlers(deps),
    ...adminModerationHandlers(deps),
    ...suggestionHandlers(deps),
  };
}
