export { createDemoAdapter, type DemoAdapterOptions } from './adapter';
export { buildDemoSvg, type DemoImageSpec, type DemoSvg } from './build-svg';
export {
  DEMO_PROFILE_NAMES,
  DEMO_PROFILES,
  profileForModel,
  REFERENCE_MEASUREMENTS,
  sampleLatency,
  sampleLogNormal,
  type DemoProfile,
  type DemoProfileName,
  type LatencyProfile,
  type LatencyProfileSet,
  type LatencySample,
} from './profiles';
export { renderDemoImage, type RenderDemoImageInput } from './render';
export {
  isSourceImageKind,
  renderSourceImage,
  SOURCE_IMAGE_KINDS,
  type SourceImageKind,
} from './source-images';
