export * from './byte-cache';
export * from './fs-store';
export * from './image-store';
export * from './normalise';
export * from './s3-store';
export * from './sniff';
export * from './serving-variant';
export * from './webp-padding';
