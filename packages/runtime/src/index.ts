export { ConfigError, loadConfig, type AppConfig } from './config';
export type { LimitsConfig } from './limits-config';
export {
  SITEVERIFY_URLS,
  type HumanCheckConfig,
  type HumanCheckProvider,
} from './human-check-config';
export { createHumanVerifier, type EnabledHumanCheck } from './human-verifier';
export { createRuntime, type Runtime, type RuntimeOptions } from './create-runtime';
export { bufferedStandardOutput, createLogger } from './logger';
export { createProviderRegistry, type ProviderRegistryOptions } from './provider-registry';
export { resolveSessionSecret } from './session-secret';
