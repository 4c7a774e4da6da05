import type { OperatorSession } from '@arena/contract';
import { ApiError } from '$lib/api-call';
import { closeSession, currentSession, openSession } from './api';
import { useCsrfToken, whenSessionLost } from './request';

type Operator = OperatorSession['operator'];

/**
 * Who is signed in to the console. The session itself is an HttpOnly cookie the page cannot
 * read; what the page keeps is the operator and the CSRF token the API handed out with it,
 * asked for again on each load of the console (GET /api/admin/session).
 */
class ConsoleSession {
  /** `unknown` until the first check answers. */
  phase = $state<'unknown' | 'signed-in' | 'signed-out'>('unknown');
  operator = $state<Operator | null>(null);

  constructor() {
    whenSessionLost(() => this.#forget());
  }

  #take(session: OperatorSession) {
    useCsrfToken(session.csrfToken);
    this.operator = session.operator;
    this.phase = 'signed-in';
  }

  #forget() {
    useCsrfToken(null);
    this.operator = null;
    this.phase = 'signed-out';
  }

  /** Asks the API who is signed in; a 401 means nobody. */
  async check(): Promise<void> {
    try {
      this.#take(await currentSession());
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
        this.#forget();
        return;
      }
      throw error;
    }
  }

  async signIn(token: string): Promise<void> {
    this.#take(await openSession(token));
  }

  async signOut(): Promise<void> {
    try {
      await closeSession();
    } finally {
      this.#forget();
    }
  }
}

export const consoleSession = new ConsoleSession();
