export * from './backoff';
export * from './bullmq';
export * from './handlers';
export * from './in-process';
export * from './logger';
export * from './names';
export * from './port';
export * from './redis';
