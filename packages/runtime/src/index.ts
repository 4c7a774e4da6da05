export { ConfigError, loadConfig, type AppConfig } from './config';
export type { LimitsConfig } from './limits-config';
export {
  SITEVERIFY_URLS,
  type HumanCheckConfig,
  type HumanCheckProvider,
} from './human-check-config';
export { createHumanVerifier, type EnabledHumanCheck } from './human-verifier';
export { createRuntime, type Runtime, type RuntimeOptions } from './create-runtime';
export {
  bufferedStandardOutput,
  createLogger,
  logOutput,
  routineLevel,
  type LogFormat,
} from './logger';
export { humanLine } from './human-log';
export { createMetrics, type Metrics } from './metrics/metrics';
export { startMetricsServer, type MetricsServer } from './metrics/metrics-server';
export { bearerMatches } from './metrics/metrics-token';
export { errorDetail, type Readiness, type ReadinessCheck } from './readiness';
export { heartbeatKey } from './worker-heartbeat';
export { createProviderRegistry, type ProviderRegistryOptions } from './provider-registry';
export { resolveSessionSecret } from './session-secret';
