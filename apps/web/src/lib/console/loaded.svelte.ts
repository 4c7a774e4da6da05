import { isAbort } from '$lib/api-call';
import { noticeFor, type Notice } from '$lib/notices';

/**
 * Data a console page reads from the admin API after the session check: the last value, the
 * error of the last load, and whether one is running. A newer load aborts the older one, so a
 * slow answer never overwrites a fresher one.
 */
export class Loaded<T> {
  value = $state<T | undefined>(undefined);
  error = $state<Notice | null>(null);
  loading = $state(false);
  #controller: AbortController | null = null;
  readonly #read: (signal: AbortSignal) => Promise<T>;

  constructor(read: (signal: AbortSignal) => Promise<T>) {
    this.#read = read;
  }

  async load(): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.loading = true;
    try {
      const value = await this.#read(controller.signal);
      if (controller.signal.aborted) return;
      this.value = value;
      this.error = null;
    } catch (error) {
      if (isAbort(error) || controller.signal.aborted) return;
      this.error = noticeFor(error);
    } finally {
      if (this.#controller === controller) this.loading = false;
    }
  }

  abort(): void {
    this.#controller?.abort();
  }
}
