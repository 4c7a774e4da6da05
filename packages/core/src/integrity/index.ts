export * from './votes';
export * from './outlier';
export * from './favouritism';
export * from './selectivity';
export * from './screen-voter';
export { ATTACKER_KINDS, type AttackerKind } from './simulated-screening-voters';
export * from './screening-simulation';
