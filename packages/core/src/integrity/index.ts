export * from './votes';
export * from './outlier';
export * from './favouritism';
export * from './selectivity';
export * from './screen-voter';
export {
  ATTACKER_KINDS,
  modelKey,
  simulateRecord,
  type AttackerKind,
  type RecordSettings,
  type SimulatedRecord,
  type VoterBehaviour,
} from './simulated-screening-voters';
export * from './screening-simulation';
