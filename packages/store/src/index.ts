export * from './client';
export * from './jobs';
export * from './keys';
export * from './outbox';
export * from './store';
export * from './table';
export * from './tenancy';
