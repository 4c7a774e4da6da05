export * from './behaviour';
export * from './fal';
export * from './gemini';
export * from './openai';
export * from './png';
export * from './replicate';
export * from './scenario';
export { sampleLatency, seededRandom } from './random';
export type { RecordedFormPart, RecordedRequest } from './recorded';
export {
  DEFAULT_FAKE_KEY,
  FakeProviderServer,
  type FakeServerOptions,
  type ProducedLatency,
} from './server';
export { FakeSiteverify, type SiteverifyMode, type SiteverifyRequest } from './siteverify';
