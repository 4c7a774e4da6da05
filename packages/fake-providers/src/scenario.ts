import type { FakeBehaviour, FakeStep, ModelProfile } from './behaviour';
import { sampleLatency, seededRandom } from './random';

/** What a fake server decided for one request. */
export interface FakePlan {
  modelId: string;
  behaviour: FakeBehaviour;
  latencyMs: number;
  ttfbMs: number | undefined;
}

export interface ScenarioOptions {
  /** Seed for failure rolls and latency draws. Default 1. */
  seed?: number;
  /** The profile of models without one of their own. */
  defaults?: ModelProfile;
}

/**
 * Decides what each request gets. In order: a step scripted for that model, a step scripted
 * for any model, then the model's profile (failure roll, latency draw), else success at once.
 */
export class FakeScenario {
  private readonly random: () => number;
  private readonly profiles = new Map<string, ModelProfile>();
  private readonly scripted: FakeStep[] = [];
  private readonly scriptedByModel = new Map<string, FakeStep[]>();
  private defaults: ModelProfile;

  constructor(options: ScenarioOptions = {}) {
    this.random = seededRandom(options.seed ?? 1);
    this.defaults = options.defaults ?? {};
  }

  /** Queues behaviours for the next requests, whatever their model. */
  script(...steps: FakeStep[]): this {
    this.scripted.push(...steps);
    return this;
  }

  /** Queues behaviours for the next requests for one model. */
  scriptFor(modelId: string, ...steps: FakeStep[]): this {
    const queue = this.scriptedByModel.get(modelId) ?? [];
    queue.push(...steps);
    this.scriptedByModel.set(modelId, queue);
    return this;
  }

  setModel(modelId: string, profile: ModelProfile): this {
    this.profiles.set(modelId, profile);
    return this;
  }

  setDefaults(profile: ModelProfile): this {
    this.defaults = profile;
    return this;
  }

  /** Forgets scripts and profiles (the random sequence carries on). */
  reset(): this {
    this.scripted.length = 0;
    this.scriptedByModel.clear();
    this.profiles.clear();
    this.defaults = {};
    return this;
  }

  /** Steps still queued (to check a test used all it scripted). */
  pending(): number {
    let count = this.scripted.length;
    for (const queue of this.scriptedByModel.values()) count += queue.length;
    return count;
  }

  plan(modelId: string): FakePlan {
    const profile = this.profiles.get(modelId) ?? this.defaults;
    const step = this.scriptedByModel.get(modelId)?.shift() ?? this.scripted.shift();
    const latencyMs = step?.latencyMs ?? sampleLatency(profile.latency, this.random);
    const ttfbMs =
      step?.ttfbMs ??
      (profile.ttfb === undefined ? undefined : sampleLatency(profile.ttfb, this.random));
    const behaviour = step ? withoutTiming(step) : this.roll(profile);
    return { modelId, behaviour, latencyMs: Math.max(0, latencyMs), ttfbMs };
  }

  private roll(profile: ModelProfile): FakeBehaviour {
    if (!profile.failureRate || this.random() >= profile.failureRate) return { kind: 'success' };
    const failures = profile.failure ?? { kind: 'server_error' };
    if (!Array.isArray(failures)) return failures as FakeBehaviour;
    const list = failures as readonly FakeBehaviour[];
    return list[Math.floor(this.random() * list.length)] ?? { kind: 'server_error' };
  }
}

function withoutTiming(step: FakeStep): FakeBehaviour {
  const { latencyMs: _latency, ttfbMs: _ttfb, ...behaviour } = step;
  return behaviour as FakeBehaviour;
}
