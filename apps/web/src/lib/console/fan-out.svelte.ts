import type {
  AdminChallenge,
  AdminGeneration,
  FanOut,
  FanOutProgress,
  FanOutUpdate,
} from '@arena/contract';
import { noticeFor, type Notice } from '$lib/notices';
import { fanOutEventsUrl, getFanOut } from './api';

/** How long a broken stream waits before the page reads the fan-out again and reconnects. */
const RECONNECT_MS = 3000;

/**
 * One challenge's fan-out as the console shows it, kept live by the server-sent events of
 * `GET /api/admin/challenges/{id}/events`: a `snapshot` first, then `update`s carrying only the
 * generations that changed, merged here by id, and `done` once nothing is pending or running,
 * when the stream is closed (a retry or a relaunch opens it again with `follow`).
 */
export class FanOutState {
  challenge = $state<AdminChallenge | null>(null);
  progress = $state<FanOutProgress | null>(null);
  generations = $state<AdminGeneration[]>([]);
  /** `live` while the stream is open. */
  stream = $state<'idle' | 'connecting' | 'live' | 'done'>('idle');
  error = $state<Notice | null>(null);

  readonly #id: string;
  #source: EventSource | null = null;
  #retry: ReturnType<typeof setTimeout> | null = null;

  constructor(challengeId: string) {
    this.#id = challengeId;
  }

  /** Reads the fan-out once (drafts have none to follow). */
  async load(): Promise<void> {
    try {
      this.#apply(await getFanOut(this.#id), true);
      this.error = null;
    } catch (error) {
      this.error = noticeFor(error);
    }
  }

  /** Opens the event stream, unless it is open already. */
  follow(): void {
    if (this.#source) return;
    this.stream = 'connecting';
    const source = new EventSource(fanOutEventsUrl(this.#id));
    this.#source = source;
    source.addEventListener('open', () => {
      this.stream = 'live';
      this.error = null;
    });
    source.addEventListener('snapshot', (event) => this.#apply(parse<FanOut>(event), true));
    source.addEventListener('update', (event) => this.#apply(parse<FanOutUpdate>(event), false));
    source.addEventListener('done', (event) => {
      const last = parse<Partial<FanOutUpdate>>(event);
      if (last?.challenge && last.progress) this.#apply(last as FanOutUpdate, false);
      this.#close();
      this.stream = 'done';
    });
    source.addEventListener('error', () => {
      // The server ended the stream, or the connection broke: read the state again, and
      // follow again while it is unfinished. (EventSource's own retry would loop on a 401.)
      this.#close();
      this.stream = 'idle';
      this.#retry = setTimeout(() => void this.#resume(), RECONNECT_MS);
    });
  }

  async #resume(): Promise<void> {
    this.#retry = null;
    await this.load();
    if (!this.error && this.progress && !this.progress.done) this.follow();
  }

  #apply(update: FanOutUpdate | null, whole: boolean): void {
    if (!update) return;
    this.challenge = update.challenge;
    this.progress = update.progress;
    if (whole) {
      this.generations = update.generations;
      return;
    }
    const changed = update.generations;
    const merged = this.generations.map((g) => changed.find((c) => c.id === g.id) ?? g);
    const added = changed.filter((c) => !this.generations.some((g) => g.id === c.id));
    this.generations = [...merged, ...added];
  }

  /** After a write that answered with one generation (retry, disqualify). */
  replace(generation: AdminGeneration): void {
    this.generations = this.generations.map((g) => (g.id === generation.id ? generation : g));
  }

  #close(): void {
    this.#source?.close();
    this.#source = null;
  }

  stop(): void {
    this.#close();
    if (this.#retry) clearTimeout(this.#retry);
    this.#retry = null;
  }
}

function parse<T>(event: Event): T | null {
  try {
    return JSON.parse((event as MessageEvent<string>).data) as T;
  } catch {
    return null;
  }
}
