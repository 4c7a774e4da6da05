export * from './arenas';
export * from './elo';
export * from './outcomes';
export * from './sizes';
export * from './errors';
export * from './api-types';
export * from './catalog';
export * from './rating';
