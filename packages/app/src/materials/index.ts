export * from './digest';
export * from './objects';
export * from './service';
