/**
 * At most `limit` tasks at once; the others start in the order they came, urgent ones (a
 * voter waiting on an image) before the rest (measuring a new answer's length).
 */
export class Semaphore {
  #running = 0;
  readonly #urgent: (() => void)[] = [];
  readonly #waiting: (() => void)[] = [];

  constructor(readonly limit: number) {}

  async run<T>(task: () => Promise<T>, urgent = false): Promise<T> {
    if (this.#running >= this.limit) {
      await new Promise<void>((resolve) => (urgent ? this.#urgent : this.#waiting).push(resolve));
    } else {
      this.#running += 1;
    }
    try {
      return await task();
    } finally {
      const next = this.#urgent.shift() ?? this.#waiting.shift();
      if (next) next();
      else this.#running -= 1;
    }
  }
}
