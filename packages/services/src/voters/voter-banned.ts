import { forbidden } from '@arena/core';

/** The refusal a banned voter gets for a battle, a vote or a suggestion. */
export const voterBanned = () =>
  forbidden('voter_banned', 'this voter may no longer take part in the arena');
