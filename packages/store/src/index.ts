export * from './client';
export * from './jobs';
export * from './keys';
export * from './store';
export * from './table';
export * from './tenancy';
export * from './outbox';
