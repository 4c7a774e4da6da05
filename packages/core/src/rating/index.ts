export * from './bootstrap';
export { fitBradleyTerry, type BradleyTerryFit, type BradleyTerryOptions } from './bradley-terry';
export * from './counts';
export type { RatingInterval } from './intervals';
export { kendallTau } from './kendall';
export * from './matchmaking';
export { normalCdf, normalQuantile, twoSidedZ } from './normal';
export { samplePoisson } from './poisson';
export * from './position-bias';
export * from './random';
export * from './ranks';
export * from './ratings';
export * from './sandwich';
export {
  DEFAULT_RIDGE,
  ELO_PER_NAT,
  strengthsToRatings,
  unobservedHalfWidth,
  type RatingAnchor,
} from './scale';
export * from './simulated-voters';
export * from './simulation';
export * from './simulation-series';
