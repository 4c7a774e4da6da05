// The runtime harness for tests of the processes (API, worker, runtime): a whole arena per
// test file. Service tests build their context without it (packages/services/test/support).
export { startSeededRuntime } from './seeded-runtime';
export { createTestRuntime, type TestRuntime, type TestRuntimeOptions } from './test-runtime';
export {
  FAKE_KEY_ENV,
  fleetCatalog,
  LOOPBACK_ADAPTER_OPTIONS,
  providerModelId,
  startFakeFleet,
  type FakeFleet,
  type FakeKind,
  type FleetModel,
} from './fake-fleet';
